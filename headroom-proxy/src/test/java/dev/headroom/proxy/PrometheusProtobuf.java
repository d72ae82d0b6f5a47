package dev.headroom.proxy;

import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A {@code /metrics} scrape in the Prometheus protobuf format ({@code io.prometheus.client.MetricFamily},
 * length-delimited), read with the Prometheus Java client's own generated protobuf classes: a malformed
 * stream fails in {@code parseDelimitedFrom}, not in code of ours.
 */
final class PrometheusProtobuf {
    /** The content type a scraper asks for, and the proxy must answer with. */
    static final String CONTENT_TYPE = "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited";

    final Map<String, Metrics.MetricFamily> families = new LinkedHashMap<>();

    static PrometheusProtobuf parse(byte[] body) throws IOException {
        PrometheusProtobuf out = new PrometheusProtobuf();
        InputStream in = new ByteArrayInputStream(body);
        Metrics.MetricFamily family;
        while ((family = Metrics.MetricFamily.parseDelimitedFrom(in)) != null) {
            if (out.families.put(family.getName(), family) != null) {
                throw new IllegalArgumentException("family twice: " + family.getName());
            }
        }
        return out;
    }

    /** The family's type, e.g. {@code COUNTER} or {@code HISTOGRAM}; fails when the family is missing. */
    Metrics.MetricType type(String family) {
        return family(family).getType();
    }

    /** Sum of a counter family's values over the metrics whose labels include {@code labels}. */
    double counter(String family, Map<String, String> labels) {
        return metrics(family, labels).mapToDouble(m -> m.getCounter().getValue()).sum();
    }

    double counter(String family) {
        return counter(family, Map.of());
    }

    /** Observations of a histogram family, over the metrics whose labels include {@code labels}. */
    long histogramCount(String family, Map<String, String> labels) {
        return metrics(family, labels).mapToLong(m -> m.getHistogram().getSampleCount()).sum();
    }

    double histogramSum(String family) {
        return metrics(family, Map.of()).mapToDouble(m -> m.getHistogram().getSampleSum()).sum();
    }

    /** Cumulative count of a histogram family's bucket with this upper bound, over all its metrics. */
    long histogramBucket(String family, double upperBound) {
        return metrics(family, Map.of()).flatMap(m -> m.getHistogram().getBucketList().stream())
                .filter(b -> b.getUpperBound() == upperBound).mapToLong(Metrics.Bucket::getCumulativeCount).sum();
    }

    private Metrics.MetricFamily family(String name) {
        Metrics.MetricFamily family = families.get(name);
        if (family == null) {
            throw new IllegalArgumentException("no family " + name + " in " + families.keySet());
        }
        return family;
    }

    private Stream<Metrics.Metric> metrics(String family, Map<String, String> labels) {
        return family(family).getMetricList().stream().filter(m -> labels.entrySet().stream().allMatch(want ->
                m.getLabelList().stream().anyMatch(l -> l.getName().equals(want.getKey()) && l.getValue().equals(want.getValue()))));
    }
}
