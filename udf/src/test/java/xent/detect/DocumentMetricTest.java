package xent.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class DocumentMetricTest {

  @Test
  void orientsLowerIsMachineMetricsSoHigherMeansYes() {
    assertEquals(-0.8, DocumentMetric.BINOCULARS.towardsYes(0.8));
    assertEquals(-0.3, DocumentMetric.ZEROSHOT.towardsYes(0.3));
    assertEquals(-2.5, DocumentMetric.LOSS.towardsYes(-2.5));
  }

  @Test
  void findsMetricsByTheirColumnKeyIgnoringCaseAndSpace() {
    assertEquals(DocumentMetric.MINKPP, DocumentMetric.ofKey(" MinKpp "));
    for (DocumentMetric metric : DocumentMetric.values()) {
      assertEquals(metric, DocumentMetric.ofKey(metric.key()));
    }
  }

  @Test
  void refusesAnUnknownKeyListingTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DocumentMetric.ofKey("mink50"));
    assertTrue(e.getMessage().contains("unknown metric 'mink50'"), e.getMessage());
    assertTrue(e.getMessage().contains("loss,zlib,mink,minkpp,dcpdd,fastdetect,binoculars,zeroshot,llmzip"), e.getMessage());
  }
}
