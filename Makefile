# Conveniences; the README's plain go commands work without make.
MYSQL_DSN ?= root@tcp(127.0.0.1:3306)/

.PHONY: test test-mysql lint run ci
test:
	go test -race -count=1 ./...
test-mysql:
	ROADSHOW_TEST_MYSQL_DSN='$(MYSQL_DSN)' go test -count=1 ./...
lint:
	go vet ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (gofmt -l $$(git ls-files '*.go'); exit 1)
run:
	go run . serve --demo
ci:
	bash .ci/run
