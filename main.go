// Command storeops is a Slack assistant for the operations team of an online store.
//
//	storeops serve     run the bot (HTTP endpoints, or Socket Mode when SLACK_APP_TOKEN is set)
//	storeops shell     chat with the bot in the terminal, against an emulated Slack
//	storeops migrate   bring the database schema up to date and exit
//	storeops version   print the version
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/slack-go/slack/socketmode"

	"storeops/domain/gormdb"
)

// version is set at build time (-ldflags "-X main.version=…").
var version = "dev"

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv))
}

// run is main with its surroundings passed in, so that tests can call it; it returns the exit
// code: 0 done, 1 failed, 2 bad usage or configuration.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, usage)
		return 2
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "version", "-v", "--version":
		fmt.Fprintln(stdout, "storeops", version)
		return 0
	case "help", "-h", "--help":
		fmt.Fprintln(stdout, usage)
		return 0
	}
	cfg, err := LoadConfig(getenv)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	switch cmd {
	case "serve":
		if err := cfg.RequireSlack(); err != nil {
			fmt.Fprintln(stderr, err)
			return 2
		}
		err = serve(ctx, cfg, log)
	case "migrate":
		err = migrateOnly(ctx, cfg, log)
	case "shell":
		err = runShell(ctx, cfg, rest, stdin, stdout)
	default:
		fmt.Fprintf(stderr, "unknown command %q\n%s\n", cmd, usage)
		return 2
	}
	if err != nil {
		var ce *ConfigError
		if errors.As(err, &ce) {
			fmt.Fprintln(stderr, ce)
			return 2
		}
		fmt.Fprintln(stderr, "storeops:", err)
		return 1
	}
	return 0
}

const usage = `usage: storeops <command>

  serve      run the bot for a Slack workspace (settings: see README)
  shell      chat with the bot in this terminal against an emulated Slack
             (--demo seeds a store, a team and listings)
  migrate    bring the database schema up to date
  version    print the version`

func serve(ctx context.Context, cfg Config, log *slog.Logger) error {
	log.InfoContext(ctx, "starting storeops", "version", version, "config", cfg)
	a, err := newApp(ctx, cfg, appOptions{Log: log})
	if err != nil {
		return err
	}
	a.start(ctx)
	srv := &http.Server{Addr: cfg.Addr, Handler: a.handler, ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout: 10 * time.Second, WriteTimeout: 10 * time.Second}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		a.shutdown(ctx)
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	errc := make(chan error, 2)
	go func() { errc <- srv.Serve(ln) }()
	if cfg.SocketMode() {
		go func() { errc <- a.bot.RunSocketMode(ctx, socketmode.New(a.api)) }()
		log.InfoContext(ctx, "socket mode on; HTTP serves health and metrics", "addr", ln.Addr().String())
	} else {
		log.InfoContext(ctx, "listening", "addr", ln.Addr().String())
	}
	select {
	case <-ctx.Done():
	case err = <-errc:
		if errors.Is(err, http.ErrServerClosed) {
			err = nil
		}
	}
	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 25*time.Second)
	defer cancel()
	if serr := srv.Shutdown(sctx); serr != nil {
		log.Warn("http shutdown", "err", serr)
	}
	a.shutdown(sctx)
	return err
}

func migrateOnly(ctx context.Context, cfg Config, log *slog.Logger) error {
	db, err := gormdb.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	defer func() { _ = gormdb.Close(db) }()
	if err := migrate(ctx, db); err != nil {
		return err
	}
	log.InfoContext(ctx, "schema up to date")
	return nil
}

// shellFlags are the options of `storeops shell`.
func shellFlags(args []string) (demo bool, err error) {
	fs := flag.NewFlagSet("shell", flag.ContinueOnError)
	fs.BoolVar(&demo, "demo", false, "seed a store, a team with every role and a few listings, and print a tour")
	err = fs.Parse(args)
	return demo, err
}
