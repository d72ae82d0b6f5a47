// Package ratelimit implements a token-bucket limiter keyed by client.
//
// Each client gets a bucket that refills at a fixed rate; a request takes one
// token or is rejected. Buckets idle for longer than the eviction window are
// dropped by a background sweeper.
package ratelimit

import (
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// ErrLimited is returned when a client has no tokens left.
var ErrLimited = errors.New("rate limited")

const (
	defaultRate  = 10
	defaultBurst = 20
)

// Config sets the refill rate and the bucket size.
type Config struct {
	Rate     float64       // tokens per second
	Burst    int           // bucket capacity
	Eviction time.Duration // idle time before a bucket is dropped
}

type bucket struct {
	tokens float64
	last   time.Time
}

// Limiter hands out tokens per client key. It is safe for concurrent use.
type Limiter struct {
	mu      sync.Mutex
	cfg     Config
	buckets map[string]*bucket
	now     func() time.Time
}

// New returns a limiter with the given configuration; zero fields take defaults.
func New(cfg Config) *Limiter {
	if cfg.Rate <= 0 {
		cfg.Rate = defaultRate
	}
	if cfg.Burst <= 0 {
		cfg.Burst = defaultBurst
	}
	if cfg.Eviction <= 0 {
		cfg.Eviction = 10 * time.Minute
	}
	return &Limiter{cfg: cfg, buckets: make(map[string]*bucket), now: time.Now}
}

// Allow takes one token for key and reports whether it was available.
func (l *Limiter) Allow(key string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b, ok := l.buckets[key]
	if !ok {
		b = &bucket{tokens: float64(l.cfg.Burst), last: now}
		l.buckets[key] = b
	}
	elapsed := now.Sub(b.last).Seconds()
	b.tokens = min(float64(l.cfg.Burst), b.tokens+elapsed*l.cfg.Rate)
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// Sweep drops buckets idle for longer than the eviction window and returns how many it dropped.
func (l *Limiter) Sweep() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	cutoff := l.now().Add(-l.cfg.Eviction)
	dropped := 0
	for key, b := range l.buckets {
		if b.last.Before(cutoff) {
			delete(l.buckets, key)
			dropped++
		}
	}
	return dropped
}

// Middleware rejects requests over the limit with 429, keyed by the client address.
func (l *Limiter) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := r.RemoteAddr
		if forwarded := r.Header.Get("X-Forwarded-For"); forwarded != "" {
			key = forwarded
		}
		if !l.Allow(key) {
			w.Header().Set("Retry-After", fmt.Sprintf("%d", int(1/l.cfg.Rate)+1))
			http.Error(w, ErrLimited.Error(), http.StatusTooManyRequests)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (l *Limiter) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return fmt.Sprintf("Limiter{rate=%v burst=%d clients=%d}", l.cfg.Rate, l.cfg.Burst, len(l.buckets))
}
