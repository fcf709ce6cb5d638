package xent.membership;

/**
 * One metric's separation of members from non-members under one model.
 *
 * @param model the model
 * @param metric the metric's key
 * @param members member documents with a value
 * @param nonmembers non-member documents with a value
 * @param auroc area under the ROC, 0.5 = chance
 * @param aurocLow lower end of its 95% percentile bootstrap interval
 * @param aurocHigh upper end
 * @param tprAt1Fpr true-positive rate at 1% false-positive rate
 */
public record MembershipResult(
    String model, String metric, int members, int nonmembers, double auroc, double aurocLow,
    double aurocHigh, double tprAt1Fpr) {}
