package io.agentq.core.training;

/**
 * What one epoch measured. For imitation, {@code accuracy} is the share of decisions where the
 * chosen action has the highest score; for DPO it is the pair accuracy (margin > 0) and {@code
 * meanMargin} the mean DPO margin m.
 */
public record EpochMetrics(
    int epoch, double loss, double accuracy, double meanMargin, int examples, double seconds) {}
