# Rumbo: `make run` starts everything locally, `make test` runs every test.
# Both create the environments and train the model first when needed.
SHELL := /bin/bash
RASA_PY := .venv/rasa/bin/python
export PYTHONPATH := $(CURDIR)
export TF_CPP_MIN_LOG_LEVEL := 2

# The folders too: deleting or renaming a data file changes only its folder's time.
TRAINING_FILES := config.yml domain.yml $(shell find nlu_data -name '*.yml') \
	$(shell find nlu_data -type d) $(wildcard nlu_components/*.py) .build/spacy_rumbo/meta.json
SPACY_INPUTS := scripts/build_spacy_model.py nlu_components/gazetteer.py \
	$(wildcard nlu_data/lookups/*.yml) $(wildcard content/countries/*/country.yml)

.PHONY: run test setup train lint bench lock clean

run: setup models/rumbo.tar.gz
	scripts/run.sh

test: setup models/rumbo.tar.gz
	scripts/test.sh

setup: .venv/rasa/.requirements .venv/gateway/.requirements .build/spacy_rumbo/meta.json

train: models/rumbo.tar.gz

lint: .venv/gateway/.requirements
	.venv/gateway/bin/ruff check .

bench: setup models/rumbo.tar.gz
	scripts/bench.sh

.venv/rasa/.requirements: requirements/rasa.txt
	scripts/make_venv.sh .venv/rasa requirements/rasa.txt

.venv/gateway/.requirements: requirements/gateway.txt
	scripts/make_venv.sh .venv/gateway requirements/gateway.txt

.build/spacy_rumbo/meta.json: $(SPACY_INPUTS) .venv/rasa/.requirements
	$(RASA_PY) scripts/build_spacy_model.py .build/spacy_rumbo

# Retrained only when the training data, config, domain or spaCy pipeline changed.
models/rumbo.tar.gz: $(TRAINING_FILES) .venv/rasa/.requirements
	mkdir -p .build && start=$$(date +%s) && \
	$(RASA_PY) -m rasa train --data nlu_data --config config.yml --domain domain.yml \
		--out models --fixed-model-name rumbo && \
	echo $$(( $$(date +%s) - start )) > .build/train_seconds
	touch $@

# Re-pin both environments from requirements/*.in (run after editing a .in file).
lock:
	scripts/lock.sh

clean:
	rm -rf .build models
