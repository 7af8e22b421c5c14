// Package jobs wakes the domain on a schedule: reminders, scans, and later digests and
// monthly prompts. Each run takes a lock so that one replica runs it, and jobs that send
// something record a per-period marker so that nothing is sent twice.
package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/robfig/cron/v3"
)

// Job is one scheduled piece of work.
type Job interface {
	Name() string
	Run(ctx context.Context) error
}

// Locker hands out named locks shared by every replica.
type Locker interface {
	TryLock(ctx context.Context, name string, ttl time.Duration) (release func(), ok bool, err error)
}

// Notifier is told when a job has queued messages, so that they go out at once.
type Notifier interface {
	Nudge()
}

// Scheduler runs jobs on their cron schedules.
type Scheduler struct {
	cron     *cron.Cron
	locker   Locker
	notifier Notifier
	log      *slog.Logger
	jobs     map[string]entry
	timeout  time.Duration
}

type entry struct {
	spec string
	job  Job
}

// NewScheduler wraps a cron built by main (in the store's time zone, with its recover and
// skip-if-still-running chain).
func NewScheduler(c *cron.Cron, locker Locker, notifier Notifier, log *slog.Logger) *Scheduler {
	return &Scheduler{cron: c, locker: locker, notifier: notifier, log: log, jobs: map[string]entry{}, timeout: 10 * time.Minute}
}

// Add schedules job at spec (standard five-field cron, in the cron's time zone).
func (s *Scheduler) Add(spec string, job Job) error {
	if _, dup := s.jobs[job.Name()]; dup {
		return fmt.Errorf("job %s added twice", job.Name())
	}
	if _, err := s.cron.AddFunc(spec, func() {
		if err := s.RunNow(context.Background(), job.Name()); err != nil {
			s.log.Error("job failed", "job", job.Name(), "err", err)
		}
	}); err != nil {
		return fmt.Errorf("schedule %s at %q: %w", job.Name(), spec, err)
	}
	s.jobs[job.Name()] = entry{spec: spec, job: job}
	return nil
}

// Names lists the scheduled jobs.
func (s *Scheduler) Names() []string {
	out := make([]string, 0, len(s.jobs))
	for n := range s.jobs {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

// RunNow runs a job once under its lock, as the schedule would; it does nothing when another
// replica holds the lock.
func (s *Scheduler) RunNow(ctx context.Context, name string) error {
	e, ok := s.jobs[name]
	if !ok {
		return fmt.Errorf("no job named %q", name)
	}
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	release, ok, err := s.locker.TryLock(ctx, "job:"+name, s.timeout)
	if err != nil {
		return fmt.Errorf("lock job %s: %w", name, err)
	}
	if !ok {
		s.log.InfoContext(ctx, "job skipped: another replica runs it", "job", name)
		return nil
	}
	defer release()
	started := time.Now()
	if err := e.job.Run(ctx); err != nil {
		return fmt.Errorf("run job %s: %w", name, err)
	}
	s.log.InfoContext(ctx, "job done", "job", name, "took", time.Since(started))
	s.notifier.Nudge()
	return nil
}

// Start starts the cron; Stop waits for running jobs.
func (s *Scheduler) Start() { s.cron.Start() }

// Stop stops the cron and returns when running jobs are done or ctx ends.
func (s *Scheduler) Stop(ctx context.Context) {
	select {
	case <-s.cron.Stop().Done():
	case <-ctx.Done():
	}
}
