package xent.detect;

import java.util.List;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * FACE's four similarities of two spectra on the same frequencies (Yang et al. 2023;
 * CLCS-SUSTech/FACE face.py). Higher = more alike for SO, Pearson and Spearman; lower = more
 * alike for SAM. Between a human and a model corpus, higher similarity = the model's text is the
 * more human-like.
 *
 * @param spectralOverlap SO = integral of min(|s1|, |s2|) / integral of max(|s1|, |s2|)
 *     (trapezoids), in [0, 1]
 * @param pearson Pearson correlation of the spectra
 * @param spearman Spearman rank correlation of the spectra
 * @param spectralAngle SAM = arccos(s1 . s2 / (|s1| |s2|)) / pi, in [0, 1]
 */
public record FaceSimilarity(double spectralOverlap, double pearson, double spearman, double spectralAngle) {

  /** The similarities of two spectra of one length (from one {@link FaceSpectrum}). */
  public static FaceSimilarity of(double[] s1, double[] s2) {
    if (s1.length != s2.length || s1.length < 2) {
      throw new IllegalArgumentException(
          "FACE compares spectra of one length (>= 2), found " + s1.length + " and " + s2.length);
    }
    double floor = 0;
    double roof = 0;
    double dot = 0;
    double n1 = 0;
    double n2 = 0;
    for (int i = 0; i < s1.length; i++) {
      n1 += s1[i] * s1[i];
      n2 += s2[i] * s2[i];
      dot += s1[i] * s2[i];
      if (i > 0) { // trapezoids on an even grid: its step cancels in the ratio
        floor += Math.min(Math.abs(s1[i - 1]), Math.abs(s2[i - 1])) + Math.min(Math.abs(s1[i]), Math.abs(s2[i]));
        roof += Math.max(Math.abs(s1[i - 1]), Math.abs(s2[i - 1])) + Math.max(Math.abs(s1[i]), Math.abs(s2[i]));
      }
    }
    double cosine = Math.max(-1, Math.min(1, dot / Math.sqrt(n1 * n2)));
    return new FaceSimilarity(
        floor / roof,
        new PearsonsCorrelation().correlation(s1, s2),
        new SpearmansCorrelation().correlation(s1, s2),
        Math.acos(cosine) / Math.PI);
  }

  /**
   * Two sets of texts compared as face.py does: the i-th spectrum of one with the i-th of the
   * other, up to the shorter set, each similarity averaged over the pairs.
   */
  public static FaceSimilarity ofSets(List<double[]> first, List<double[]> second) {
    int pairs = Math.min(first.size(), second.size());
    if (pairs == 0) {
      throw new IllegalArgumentException("FACE compares non-empty sets of spectra, found "
          + first.size() + " and " + second.size());
    }
    double[] sum = new double[4];
    for (int i = 0; i < pairs; i++) {
      FaceSimilarity s = of(first.get(i), second.get(i));
      sum[0] += s.spectralOverlap;
      sum[1] += s.pearson;
      sum[2] += s.spearman;
      sum[3] += s.spectralAngle;
    }
    return new FaceSimilarity(sum[0] / pairs, sum[1] / pairs, sum[2] / pairs, sum[3] / pairs);
  }
}
