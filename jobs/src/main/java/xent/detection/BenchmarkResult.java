package xent.detection;

/**
 * One metric's separation of the "yes" documents from the "no" documents under one model.
 *
 * @param model the model
 * @param metric the metric's key
 * @param positives "yes" documents with a value (members; machine texts)
 * @param negatives "no" documents with a value (held out; human texts)
 * @param auroc area under the ROC, 0.5 = chance
 * @param aurocLow lower end of its 95% percentile bootstrap interval
 * @param aurocHigh upper end
 * @param tprAt1Fpr true-positive rate at 1% false-positive rate
 */
public record BenchmarkResult(
    String model, String metric, int positives, int negatives, double auroc, double aurocLow,
    double aurocHigh, double tprAt1Fpr) {}
