# sanctum: one plain Makefile; every dependency through pkg-config.
#
#   make            build ./sanctum
#   make test       tests/run: build with -Werror and run the whole suite
#                   (unit, end-to-end, browser, fuzz smoke, then unit +
#                   end-to-end again under AddressSanitizer and UBSan)
#   make asan       build build/asan/sanctum with the sanitizers
#   make fuzz       build the libFuzzer targets into build/fuzz/
#   make bench      run the benchmarks in bench/
#   make holdconn   build build/tools/holdconn, the slow-client load tool
#   make lint       the code checks (literal SQL and HTML formats)
#   make install    install the binary and the man page under PREFIX

PREFIX ?= /usr/local
CC ?= cc
PKGS = sqlite3 libsodium libmicrohttpd gnutls jansson libutf8proc libxml-2.0 libcurl \
       libarchive tesseract lept icu-uc icu-i18n libical libseccomp
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
PKG_LIBS := $(shell pkg-config --libs $(PKGS))
WARN = -Wall -Wextra -Wshadow -Wconversion -Wno-sign-conversion \
       -Wformat=2 -Wno-format-nonliteral -Wstrict-prototypes
CFLAGS ?= -O2 -g
ALL_CFLAGS = -std=c17 -D_GNU_SOURCE $(WARN) $(PKG_CFLAGS) $(CFLAGS) $(EXTRA_CFLAGS)
LDLIBS = $(PKG_LIBS) -lcsv -lpthread

BUILD ?= build/release
SRCS := $(sort $(wildcard src/*.c src/*/*.c))
LIB_SRCS := $(filter-out src/main.c,$(SRCS))
MIGRATIONS := $(sort $(wildcard src/store/migrations/*.sql))
ASSETS := $(sort $(wildcard src/web/assets/*))
GEN := $(BUILD)/gen/migrations.c $(BUILD)/gen/assets.c \
       $(BUILD)/gen/confusables.c
OBJS := $(LIB_SRCS:%.c=$(BUILD)/%.o) $(GEN:.c=.o)
UNIT_SRCS := $(sort $(wildcard tests/unit/*.c))

.PHONY: all test check asan fuzz bench lint install clean unit holdconn

all: sanctum

sanctum: $(BUILD)/sanctum
	rm -f sanctum && cp $(BUILD)/sanctum sanctum

$(BUILD)/sanctum: $(OBJS) $(BUILD)/src/main.o
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDFLAGS) $(LDLIBS)

$(BUILD)/unit-tests: $(OBJS) $(UNIT_SRCS)
	$(CC) $(ALL_CFLAGS) -Isrc -o $@ $(UNIT_SRCS) $(OBJS) $(LDFLAGS) $(LDLIBS)

$(BUILD)/%.o: %.c $(wildcard src/*.h src/*/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Isrc/util -c -o $@ $<

$(BUILD)/gen/%.o: $(BUILD)/gen/%.c
	$(CC) $(ALL_CFLAGS) -Isrc -Isrc/util -c -o $@ $<

build/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) -O1 -o $@ $<

# the table of characters that look like ASCII letters, from ICU's data
build/tools/confusables: tools/confusables.c
	@mkdir -p $(dir $@)
	$(CC) -O1 -o $@ $< $(shell pkg-config --cflags --libs icu-uc icu-i18n)

$(BUILD)/gen/confusables.c: build/tools/confusables
	@mkdir -p $(dir $@)
	build/tools/confusables $@

build/tools/codecheck: tools/codecheck.c
	@mkdir -p $(dir $@)
	$(CC) -O1 -o $@ $<

# the slow-client load tool of tests/e2e/slow_clients.sh and bench/http
build/tools/holdconn: tests/tools/holdconn.c
	@mkdir -p $(dir $@)
	$(CC) -std=c17 -D_GNU_SOURCE $(WARN) -O2 -g $(EXTRA_CFLAGS) -o $@ $<

$(BUILD)/gen/migrations.c: build/tools/embed $(MIGRATIONS)
	@mkdir -p $(dir $@)
	build/tools/embed store_migrations $@ $(MIGRATIONS)

$(BUILD)/gen/assets.c: build/tools/embed $(ASSETS)
	@mkdir -p $(dir $@)
	build/tools/embed web_assets $@ $(ASSETS)

unit: $(BUILD)/unit-tests

# bench/triage's measuring program, on the same objects as sanctum
$(BUILD)/triage-bench: $(OBJS) bench/triage/bench.c
	$(CC) $(ALL_CFLAGS) -Isrc -o $@ bench/triage/bench.c $(OBJS) $(LDFLAGS) $(LDLIBS)

holdconn: build/tools/holdconn

# the mail server of tests/e2e/outreach.sh
build/tools/smtpsink: tests/tools/smtpsink.c
	@mkdir -p $(dir $@)
	$(CC) -std=c17 -D_GNU_SOURCE $(WARN) -O2 -g $(EXTRA_CFLAGS) -o $@ $<

# the web server of the external monitoring tests: feeds, pages, webhooks
build/tools/feedsrv: tests/tools/feedsrv.c
	@mkdir -p $(dir $@)
	$(CC) -std=c17 -D_GNU_SOURCE $(WARN) -O2 -g $(EXTRA_CFLAGS) -o $@ $< \
	    $(shell pkg-config --cflags --libs libmicrohttpd libsodium)

lint: build/tools/codecheck
	build/tools/codecheck $(SRCS)

# The README's test command is tests/run itself (so that its last line is
# the count, with no line of make's after it on a failure); this is the
# same suite under its usual name.
test check:
	tests/run

asan:
	$(MAKE) BUILD=build/asan CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
	    LDFLAGS="-fsanitize=address,undefined" build/asan/sanctum build/asan/unit-tests

fuzz:
	$(MAKE) -f fuzz/Makefile

bench:
	tools/setup --bench
	bench/http/run
	bench/triage/run
	bench/detect/run
	bench/monitor/run
	bench/backup/run
	bench/timing/run
	bench/scale-out/run

install: sanctum
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 0755 sanctum $(DESTDIR)$(PREFIX)/bin/sanctum
	install -m 0644 docs/sanctum.1 $(DESTDIR)$(PREFIX)/share/man/man1/sanctum.1

clean:
	rm -rf build sanctum
