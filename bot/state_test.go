package bot

import (
	"context"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"
)

func TestLockIsExclusiveAndReleased(t *testing.T) {
	mini := miniredis.RunT(t)
	s := NewState(redis.NewClient(&redis.Options{Addr: mini.Addr()}), "t:")
	ctx := context.Background()
	release, ok, err := s.TryLock(ctx, "job", time.Minute)
	if err != nil || !ok {
		t.Fatalf("first lock: %v %v", ok, err)
	}
	if _, ok, _ := s.TryLock(ctx, "job", time.Minute); ok {
		t.Fatal("a held lock was taken again")
	}
	release()
	if _, ok, err := s.TryLock(ctx, "job", time.Minute); !ok || err != nil {
		t.Fatalf("lock not released: %v %v", ok, err)
	}
}

func TestFirstDelivery(t *testing.T) {
	mini := miniredis.RunT(t)
	s := NewState(redis.NewClient(&redis.Options{Addr: mini.Addr()}), "t:")
	ctx := context.Background()
	first, err := s.FirstDelivery(ctx, "event:E1", time.Hour)
	again, _ := s.FirstDelivery(ctx, "event:E1", time.Hour)
	other, _ := s.FirstDelivery(ctx, "event:E2", time.Hour)
	if !first || again || !other || err != nil {
		t.Errorf("first %v again %v other %v err %v", first, again, other, err)
	}
}
