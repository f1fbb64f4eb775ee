# The README's commands. Everything builds with Maven; nothing needs Docker or an AWS account.
SHELL := /bin/bash
MVN ?= mvn -B -q
export AWS_EC2_METADATA_DISABLED := true
export AWS_REGION ?= us-east-1

# Lambda runs the functions on its java25 runtime (Corretto 25), so the build, the tests, the local runtime and
# the bench run on a JDK 25 where one is installed (Temurin 25 on the project's machines), whatever the default
# java is. The bytecode stays at release 17 (pom.xml), so a developer with only JDK 17 can still build and run.
JDK25 ?= /usr/lib/jvm/temurin-25-jdk-amd64
ifneq ($(wildcard $(JDK25)/bin/java),)
export JAVA_HOME := $(JDK25)
export PATH := $(JDK25)/bin:$(PATH)
# DynamoDB Local loads SQLite natively and ElasticMQ's Pekko uses sun.misc.Unsafe: JDK 25 warns of both on every start.
RUN_JAVA_FLAGS := --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow
else
$(warning No JDK 25 at $(JDK25) (set JDK25=...): using the default java; Lambda runs these functions on java25)
endif

RUNTIME_JAR := infra/local/target/local-runtime.jar
RUNTIME_CP := infra/local/target/classpath.txt
# Everything a jar is built from: poms, main sources and resources, and the event schemas the jars carry.
SOURCES := $(shell find pom.xml functions shared infra docs/events -type f \( -name pom.xml -o -path '*/src/main/*' -o -name '*.schema.json' \) 2>/dev/null | grep -v /target/)

.PHONY: help setup build run test bench bench-catalog token partner fulfilment-latency demo soak chaos deploy reset clean

help:
	@echo "make run      the whole storefront locally on embedded DynamoDB Local + ElasticMQ (seeded)"
	@echo "make setup    installs what some tests need beyond Maven: Debian chromium + chromium-driver (dashboard test), playwright-core (storefront test)"
	@echo "make test     every test: unit, handler, end-to-end, template (LocalStack ones skip without Docker)"
	@echo "make token SUB=alice [GROUP=admin]    a dev JWT from the running local runtime"
	@echo "make partner  a sample fulfilment partner for a running 'make run': accepts, ships, delivers every order, receives every return as resellable; prints the updates the storefront ignored"
	@echo "make fulfilment-latency   checkout response -> fulfilment.requested, 20 checkouts against 'make run'"
	@echo "make soak     MINUTES=10: a steady mix on its own runtime, latency, heap, files and threads every 30 s"
	@echo "make chaos    ~5 min: shoppers, a partner, returns and refunds through throttling, timeouts, errors and cut connections; then the books (exit 1 unless they agree)"
	@echo "make demo     a simulated day of shoppers and a partner against a running 'make run', then the KPI API and dashboard"
	@echo "make bench    cold starts, warm latency, DynamoDB cost, flash sale, search, start-up, jar sizes -> docs/BENCHMARKS.md"
	@echo "make build    the shaded function jars and the local runtime"
	@echo "make deploy   sam build && sam deploy --guided"
	@echo "make reset    remove the local data only (STOREFRONT_DATA_DIR, default .local): the next 'make run' seeds afresh"
	@echo "make clean    remove build output and local data"

build: $(RUNTIME_JAR)

# Headless Chromium for the dashboard's browser test (skipped with a message where it is absent).
# Debian/Ubuntu as root or with sudo; elsewhere install chromium and its chromedriver yourself.
setup:
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then echo "chromium and chromedriver are installed"; \
	else SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && $$SUDO apt-get install -y --no-install-recommends chromium chromium-driver; fi
	@# playwright-core (no browser download: it drives the Chromium above) for the storefront's browser test.
	@if command -v npm >/dev/null; then cd infra/e2e/src/test/browser && npm ci --no-audit --no-fund --silent; \
	else echo "npm not found: the storefront browser test will skip (install Node.js 18+)"; fi

# Rebuilds only when a source changed since the last build.
$(RUNTIME_JAR): $(SOURCES) template.yaml
	$(MVN) -T 2 -Dmaven.test.skip=true package
	@touch $(RUNTIME_JAR)

# STOREFRONT_DATA_DIR (default .local) holds the data; STOREFRONT_LOG=json prints the functions' full JSON log lines.
run: build
	@java $(RUN_JAVA_FLAGS) -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dlogback.configurationFile=storefront-logback.xml -cp "$(RUNTIME_JAR):$$(cat $(RUNTIME_CP))" dev.storefront.local.LocalRuntime

# Not -q: CI reads Surefire's per-module "Tests run" lines; the last line sums the modules' results.
# -T 2: modules whose dependencies are built test side by side (the function modules, mostly).
test:
	@mkdir -p target
	@set -o pipefail; mvn -B -T 2 --no-transfer-progress verify 2>&1 | tee target/test-output.log
	@grep -E '^\[(INFO|WARNING|ERROR)\] Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$$' target/test-output.log | \
	  awk -F'[ ,]+' '{t+=$$4; f+=$$6; e+=$$8; s+=$$10} END {printf "Tests: %d passed, %d failed, %d skipped\n", t-f-e-s, f+e, s}'

# Every figure of docs/BENCHMARKS.md, each beside its baseline in the same run (infra/bench); rewrites the
# generated block of docs/BENCHMARKS.md and docs/benchmarks.json. BENCH_COLD_RUNS and BENCH_FLASH_RUNS (10 each)
# and BENCH_RUN_STARTS (5 restarts) set the repetitions; BENCH_SUITES=coldStart,dynamoCost runs some suites only
# and writes infra/bench/target/BENCHMARKS.md instead (the recorded full run in docs/ stays); BENCH_COLD_VARIANTS=shipped,snapStart
# (also jdk17, defaultFlags, appCds, aot) some cold-start variants only.
bench: build
	java -XX:+UseSerialGC -Dlogback.configurationFile=storefront-logback.xml -cp "infra/bench/target/bench.jar:$$(cat infra/bench/target/classpath.txt)" dev.storefront.bench.Bench

# The catalog's serving path over HTTP vs the DynamoDB calls it needs (the first benchmark, kept).
bench-catalog: build
	java -XX:+UseSerialGC -Dlogback.configurationFile=storefront-logback.xml -cp "$(RUNTIME_JAR):$$(cat $(RUNTIME_CP))" dev.storefront.local.bench.CatalogBench

# A fulfilment partner on the running runtime's queues (docs/PARTNERS.md); PARTNER_STEP_MILLIS=1000 slows it down.
partner: build
	java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dlogback.configurationFile=storefront-logback.xml -cp "$(RUNTIME_JAR):$$(cat $(RUNTIME_CP))" dev.storefront.local.partner.SamplePartner

# Checkout response -> fulfilment.requested received, over CHECKOUTS (20) checkouts against `make run` (stop `make partner` first).
fulfilment-latency: build
	java -XX:+UseSerialGC -Dlogback.configurationFile=storefront-logback.xml -cp "$(RUNTIME_JAR):$$(cat $(RUNTIME_CP))" dev.storefront.local.partner.FulfilmentLatency

# A steady mix for MINUTES (default 10) on an in-process runtime of its own, sampled every 30 s:
# latency, heap after GC, open files, threads (docs/RELIABILITY.md).
soak: build
	MINUTES=$(or $(MINUTES),10) java $(RUN_JAVA_FLAGS) -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dlogback.configurationFile=storefront-logback.xml -cp "$(RUNTIME_JAR):$$(cat $(RUNTIME_CP))" dev.storefront.local.soak.Soak

# Faults on purpose (docs/RELIABILITY.md): four phases of CHAOS_PHASE_SECONDS (default 60) on an
# in-process runtime whose functions reach DynamoDB and SQS through fault proxies; loopback only.
chaos: build
	CHAOS_PHASE_SECONDS=$(or $(CHAOS_PHASE_SECONDS),60) java $(RUN_JAVA_FLAGS) -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dlogback.configurationFile=storefront-logback.xml -cp "$(RUNTIME_JAR):$$(cat $(RUNTIME_CP))" dev.storefront.local.chaos.Chaos

# A realistic simulated day through the real HTTP API and the partner queues (docs/INSIGHTS.md); VISITORS=40 by default.
demo: build
	java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dlogback.configurationFile=storefront-logback.xml -cp "$(RUNTIME_JAR):$$(cat $(RUNTIME_CP))" dev.storefront.local.demo.DemoDay

# The port of the runtime on this data folder (it writes ports.properties on start); STOREFRONT_HTTP_PORT wins.
token:
	@set -o pipefail; PORT=$${STOREFRONT_HTTP_PORT:-$$(sed -n 's/^http=//p' "$${STOREFRONT_DATA_DIR:-.local}/ports.properties" 2>/dev/null)}; PORT=$${PORT:-3000}; \
	curl -sf -X POST "http://localhost:$$PORT/local/token" \
	  -H 'content-type: application/json' \
	  -d "{\"sub\": \"$${SUB:-alice}\", \"groups\": [$$(echo "$${GROUP:-}" | sed -E 's/([^, ]+)/"\1"/g')]}" \
	  | sed -E 's/.*"token":"([^"]+)".*/\1/' || { echo "No local runtime answers on localhost:$$PORT: is 'make run' up?" >&2; exit 1; }

deploy: build
	sam build && sam deploy --guided

DATA_DIR = $${STOREFRONT_DATA_DIR:-.local}

# Data only, no rebuild; refused while a runtime serves from that folder (it would keep writing to it).
reset:
	@PORT=$$(sed -n 's/^http=//p' "$(DATA_DIR)/ports.properties" 2>/dev/null); \
	if [ -n "$$PORT" ] && curl -s -o /dev/null "http://localhost:$$PORT/openapi.yaml"; then \
	  echo "'make run' is serving from $(DATA_DIR) (port $$PORT): stop it first" >&2; exit 1; fi; \
	rm -rf "$(DATA_DIR)" && echo "Removed $(DATA_DIR): the next 'make run' starts with fresh demo data"

clean:
	$(MVN) clean || true
	rm -rf "$(DATA_DIR)"
