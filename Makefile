# Two commands on a fresh clone: `make demo` and `make test`. Both install what they need first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OPA_VERSION := v1.22.4
OPA := .tools/bin/opa
INTEROP := .tools/bin/tlog-interop
HELM_VERSION := v4.3.2
HELM := .tools/bin/helm

.PHONY: install demo test lint typecheck pytest bench clean

$(STAMP): requirements/bootstrap.txt requirements/dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --require-hashes -r requirements/bootstrap.txt
	$(BIN)/uv pip sync -q --python $(BIN)/python --require-hashes requirements/dev.txt
	$(BIN)/uv pip install -q --python $(BIN)/python --no-deps -e .
	touch $@

install: $(STAMP)

# OPA is built from source with the Go toolchain (pinned); without Go the OPA tests skip locally.
$(OPA):
	@if command -v go >/dev/null 2>&1; then \
		echo "building OPA $(OPA_VERSION) (first time only)"; \
		GOBIN=$(CURDIR)/.tools/bin GOFLAGS=-buildvcs=false go install github.com/open-policy-agent/opa@$(OPA_VERSION); \
	else echo "Go not found: OPA tests will be skipped"; fi

# The Go interop checker (independent implementations of the log formats, pinned in interop/go.mod).
$(INTEROP): interop/go.mod interop/go.sum interop/cmd/tlog-interop/main.go
	@if command -v go >/dev/null 2>&1; then \
		cd interop && GOFLAGS=-buildvcs=false go build -mod=readonly -o $(CURDIR)/$@ ./cmd/tlog-interop; \
	else echo "Go not found: the interop tests will be skipped"; fi

# Helm, for the chart's lint, render and schema tests (deploy/helm).
$(HELM):
	@if command -v go >/dev/null 2>&1; then \
		echo "building helm $(HELM_VERSION) (first time only)"; \
		GOBIN=$(CURDIR)/.tools/bin GOFLAGS=-buildvcs=false go install helm.sh/helm/v4/cmd/helm@$(HELM_VERSION); \
	else echo "Go not found: the Helm chart tests will be skipped"; fi

demo: install
	$(BIN)/sovgw demo $(DEMO_ARGS)

# lint-imports checks the architecture's contracts (pyproject.toml, ARCHITECTURE.md).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

typecheck: install
	$(BIN)/mypy

pytest: install $(OPA) $(INTEROP) $(HELM)
	$(BIN)/pytest -q $(PYTEST_ARGS)

# -k: one failing part does not hide the others; the exit status still fails.
test:
	@$(MAKE) --no-print-directory -k lint typecheck pytest

bench: install
	$(BIN)/python -m bench.gateway_overhead
	$(BIN)/python bench/policy_latency.py
	$(BIN)/python -m bench.sidebyside --quick

clean:
	rm -rf $(VENV) .tools .pytest_cache .ruff_cache .mypy_cache
