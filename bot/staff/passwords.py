"""Password hashing with Argon2id (argon2-cffi), the only place that touches raw passwords."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

# argon2-cffi's defaults follow RFC 9106's second recommended profile (Argon2id, 64 MiB);
# one shared hasher keeps the parameters identical for hashing and re-hash checks.
_HASHER = PasswordHasher()

# Staff passwords guard personal data of vulnerable people: insist on length, not on symbols.
MIN_PASSWORD_LENGTH = 12

# A real hash of a random string, verified when the username does not exist, so a login for
# an unknown account costs the same time as one for a known account.
_DUMMY_HASH = _HASHER.hash("rumbo-timing-equaliser-not-a-password")


class WeakPasswordError(ValueError):
    """The password does not meet the minimum policy."""


def check_policy(password: str) -> None:
    """Raise WeakPasswordError when `password` is too short to be accepted."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPasswordError(
            f"passwords need at least {MIN_PASSWORD_LENGTH} characters"
        )


def hash_password(password: str) -> str:
    """Return the Argon2id hash of `password` after checking the policy."""
    check_policy(password)
    return _HASHER.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """True when `password` matches `password_hash`; False for a mismatch or a corrupt hash."""
    try:
        return _HASHER.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def burn_verification_time(password: str) -> None:
    """Spend the time of one verification; used when the account does not exist."""
    verify_password(_DUMMY_HASH, password)


def rehash(password: str) -> str:
    """Hash an already-accepted password with current parameters (no policy check: an old
    password that verified must not lock its owner out when the policy grows stricter)."""
    return _HASHER.hash(password)


def needs_rehash(password_hash: str) -> bool:
    """True when the hash was made with older parameters and should be refreshed at login."""
    try:
        return _HASHER.check_needs_rehash(password_hash)
    except InvalidHashError:
        return True
