/**
 * Membership, machine-text and compression scores of one document computed from the per-token
 * values the scorer returns (log p, entropy, variance of log p, cross terms of two models), as
 * ../shared/METRICS.md defines them. Pure Java, no engine and no Spark: every score is a few
 * double sums over arrays of the document's scored tokens, so T never counts the prefix (BOS)
 * token, which is context and is never scored. A document with no scored token scores NaN.
 *
 * <p>Each class names its paper and its direction: "higher = more likely a member" (of the
 * model's training data) or "higher = more likely machine-written".
 */
package xent.detect;
