package bot

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Metrics are the edge's Prometheus series.
type Metrics struct {
	// HTTP counts every HTTP request by path and status, verification failures included.
	HTTP *prometheus.CounterVec
	// Requests counts handled Slack requests by kind (command, action, view, event) and route
	// (the command path, action_id, callback_id or event type).
	Requests *prometheus.CounterVec
	Latency  *prometheus.HistogramVec
	// Errors counts failed requests by route and error code.
	Errors *prometheus.CounterVec
	// Outbox counts delivery attempts by outcome (sent, retry, failed).
	Outbox *prometheus.CounterVec
}

// NewMetrics registers the series on reg.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		HTTP: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "storeops_http_requests_total", Help: "HTTP requests by path and status code.",
		}, []string{"path", "status"}),
		Requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "storeops_requests_total", Help: "Slack requests handled, by kind and route.",
		}, []string{"kind", "route", "result"}),
		Latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "storeops_request_duration_seconds", Help: "Time to serve a Slack request, by kind and route.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"kind", "route"}),
		Errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "storeops_request_errors_total", Help: "Failed Slack requests by route and error code.",
		}, []string{"route", "code"}),
		Outbox: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "storeops_outbox_deliveries_total", Help: "Outbox delivery attempts by template and outcome.",
		}, []string{"template", "outcome"}),
	}
	reg.MustRegister(m.HTTP, m.Requests, m.Latency, m.Errors, m.Outbox)
	return m
}

func (m *Metrics) observe(kind, route string, d time.Duration) {
	m.Requests.WithLabelValues(kind, route, "handled").Inc()
	m.Latency.WithLabelValues(kind, route).Observe(d.Seconds())
}
