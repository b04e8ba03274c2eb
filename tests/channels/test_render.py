"""The per-channel renderers: one channel-neutral Reply, three ways to show it."""

from __future__ import annotations

import pytest

from bot.render.segments import count_segments
from bot.render.sms import render_sms
from bot.render.split import fit_with_suffix, max_chars, split_text
from bot.render.telegram import (
    CALLBACK_DATA_MAX_BYTES,
    TELEGRAM_MAX_TEXT,
    render_telegram,
    utf16_len,
)
from bot.render.whatsapp import WHATSAPP_MAX_BODY, render_whatsapp
from bot.replies import Link, Option, Reply

UI = {
    ("es", "sms.more"): "Responde MÁS para más detalles.",
    ("en", "sms.more"): "Reply MORE for details.",
    ("pt", "sms.more"): "Responda MAIS para ver detalhes.",
    ("es", "sms.option_hint"): "Responde con el número.",
    ("en", "sms.option_hint"): "Reply with the number.",
}


def ui(lang: str, key: str) -> str:
    return UI[(lang, key)]


def sentences(count: int, word: str = "Step") -> list[str]:
    return [f"{word} {n} is to take your passport to the migration office." for n in range(count)]


# ---- splitting -------------------------------------------------------------------------


def test_split_keeps_every_word_in_order_and_cuts_between_sentences():
    text = " ".join(sentences(40))

    pieces = split_text(text, max_chars(300))

    assert all(len(piece) <= 300 for piece in pieces)
    assert " ".join(pieces) == text
    assert all(piece.endswith(".") for piece in pieces)


def test_split_prefers_paragraphs_and_cuts_a_word_only_when_it_alone_is_too_long():
    url = "https://example.org/" + "x" * 50
    pieces = split_text(f"First paragraph.\n\nSecond one.\n\n{url}", max_chars(20))

    assert pieces[:2] == ["First paragraph.", "Second one."]
    assert "".join(pieces[2:]) == url
    assert all(len(piece) <= 20 for piece in pieces)


def test_fit_with_suffix_keeps_whole_sentences_and_appends_the_suffix():
    text = "One two. Three four. Five six."

    body, cut = fit_with_suffix(text, max_chars(28), "MORE")

    assert (body, cut) == ("One two. Three four.\nMORE", True)
    assert fit_with_suffix("Short.", max_chars(30), "MORE") == ("Short.", False)


# ---- SMS -------------------------------------------------------------------------------


def test_sms_numbers_the_options_and_adds_links_as_plain_text():
    reply = Reply(
        text="Which topic?",
        options=[Option("Papers", "/ask_regularization"), Option("Work", "/ask_labour")],
        links=[Link("Migraciones", "https://www.gob.pe/migraciones")],
        meta={"lang": "en"},
    )

    assert render_sms(reply, ui, 3) == [
        "Which topic?\n1) Papers\n2) Work\nReply with the number.\n"
        "Migraciones: https://www.gob.pe/migraciones"
    ]


def test_a_long_sms_is_cut_at_a_sentence_within_the_budget_and_keeps_the_menu():
    reply = Reply(
        text=" ".join(sentences(12)),
        options=[Option("More details", "/more_info")],
        meta={"lang": "en"},
    )

    [body] = render_sms(reply, ui, 3)

    assert count_segments(body) <= 3
    text, more_and_menu = body.split("\nReply MORE for details.\n")
    assert text.endswith("migration office.")
    assert text in reply.text
    assert more_and_menu == "1) More details\nReply with the number."


@pytest.mark.parametrize("budget", [1, 2, 3, 5])
def test_the_sms_budget_is_respected_for_gsm7_and_ucs2_text(budget: int):
    for word in ("Step", "Paso número"):  # GSM-7, then UCS-2 because of "ú"
        reply = Reply(text=" ".join(sentences(30, word)), meta={"lang": "es"})
        [body] = render_sms(reply, ui, budget)
        assert count_segments(body) <= budget
        assert body.endswith("Responde MÁS para más detalles.")


def test_typographic_punctuation_does_not_force_ucs2():
    reply = Reply(text="Call them \u201cnow\u201d \u2013 it\u2019s free\u2026", meta={"lang": "en"})

    [body] = render_sms(reply, ui, 1)

    assert body == "Call them \"now\" - it's free..."
    assert count_segments(body) == 1


def test_sms_falls_back_to_the_marked_table_when_content_lacks_a_key():
    def empty_ui(lang: str, key: str) -> str:
        raise KeyError(key)

    reply = Reply(text=" ".join(sentences(12)), meta={"lang": "pt"})

    [body] = render_sms(reply, empty_ui, 2)

    assert body.endswith("Responda MAIS para ver detalhes.")


# ---- WhatsApp --------------------------------------------------------------------------


def test_whatsapp_bolds_a_heading_numbers_options_and_puts_links_on_their_own_lines():
    reply = Reply(
        text="Migraciones Perú\nVe a la oficina con tu pasaporte.",
        options=[Option("Más detalles", "/more_info")],
        links=[Link("Migraciones", "https://www.gob.pe/migraciones")],
        meta={"lang": "es"},
    )

    assert render_whatsapp(reply, ui) == [
        "*Migraciones Perú*\n\nVe a la oficina con tu pasaporte.\n\n"
        "*Migraciones*\nhttps://www.gob.pe/migraciones\n\n"
        "1) Más detalles\nResponde con el número."
    ]


def test_a_long_whatsapp_answer_is_split_under_1600_characters_at_sentences():
    reply = Reply(
        text=" ".join(sentences(60)), options=[Option("Menu", "/show_menu")], meta={"lang": "en"}
    )

    bodies = render_whatsapp(reply, ui)

    assert len(bodies) > 1
    assert all(len(body) <= WHATSAPP_MAX_BODY for body in bodies)
    assert all(body.endswith(".") for body in bodies[:-1])
    assert bodies[-1].endswith("1) Menu\nReply with the number.")


# ---- Telegram --------------------------------------------------------------------------


def test_telegram_uses_an_inline_keyboard_and_no_markup_in_the_text():
    reply = Reply(
        text="¿En qué país estás? (usa *Perú* o _Chile_)",
        options=[
            Option("Perú", '/inform_country{"country":"PE"}'),
            Option("Chile", '/inform_country{"country":"CL"}'),
        ],
    )

    [message] = render_telegram(reply)

    assert message.text == reply.text  # sent without parse_mode: nothing needs escaping
    assert message.entities == []
    rows = message.reply_markup.inline_keyboard
    assert [(row[0].text, row[0].callback_data) for row in rows] == [
        ("Perú", '/inform_country{"country":"PE"}'),
        ("Chile", '/inform_country{"country":"CL"}'),
    ]


def test_telegram_bold_heading_offsets_are_in_utf16_units():
    reply = Reply(text="🇵🇪 Perú\nVe a Migraciones.")

    [message] = render_telegram(reply)

    [bold] = message.entities
    assert (bold.type, bold.offset, bold.length) == ("bold", 0, utf16_len("🇵🇪 Perú"))
    assert bold.length == 9  # the flag is two surrogate pairs


def test_a_payload_over_64_bytes_becomes_the_option_number():
    long_payload = '/inform_country{"country":"PE","city":"' + "x" * 60 + '"}'
    reply = Reply(text="?", options=[Option("A", "/greet"), Option("B", long_payload)])

    [message] = render_telegram(reply)

    data = [row[0].callback_data for row in message.reply_markup.inline_keyboard]
    assert data == ["/greet", "2"]
    assert all(len(d.encode()) <= CALLBACK_DATA_MAX_BYTES for d in data)


def test_a_long_telegram_answer_is_split_and_the_keyboard_goes_last():
    reply = Reply(text=" ".join(sentences(150)), options=[Option("Menu", "/show_menu")])

    messages = render_telegram(reply)

    assert len(messages) > 1
    assert all(utf16_len(m.text) <= TELEGRAM_MAX_TEXT for m in messages)
    assert [m.reply_markup is not None for m in messages] == [False] * (len(messages) - 1) + [
        True
    ]
    assert " ".join(m.text for m in messages) == reply.text


def test_a_menu_too_long_for_the_budget_is_split_into_in_budget_bodies_not_dropped():
    options = [Option(f"Option number {n} with a long title", f"/opt{n}") for n in range(1, 9)]
    reply = Reply(text="Pick one.", options=options, meta={"lang": "en"})

    bodies = render_sms(reply, ui, 1)

    assert len(bodies) > 1
    assert all(count_segments(body) == 1 for body in bodies)
    joined = "\n".join(bodies)
    assert all(f"{n}) Option number {n} with a long title" in joined for n in range(1, 9))
