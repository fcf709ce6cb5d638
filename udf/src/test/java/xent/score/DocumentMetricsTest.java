package xent.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class DocumentMetricsTest {

  @Test
  void countsWordsAsPythonsReSplitOnWhitespace() {
    assertEquals(1, DocumentMetrics.words(""));
    assertEquals(1, DocumentMetrics.words("word"));
    assertEquals(3, DocumentMetrics.words("a b\n")); // ['a', 'b', '']
    assertEquals(3, DocumentMetrics.words(" a\t\tb")); // ['', 'a', 'b']
    assertEquals(2, DocumentMetrics.words("a\u00a0b")); // no-break space is \s in Python 3
    assertEquals(2, DocumentMetrics.words("a\u0085b"));
    assertEquals(2, DocumentMetrics.words("a\u001cb"));
  }

  @Test
  void bitsPerByteAndPerplexitiesFollowTheirDefinitions() {
    double logprob = -2672.657778; // stories260K on tinystory.txt, W=128
    assertEquals(2672.657778 / 4126 / Math.log(2), DocumentMetrics.bitsPerByte(logprob, 4126), 1e-15);
    assertEquals(3.888634, DocumentMetrics.tokenPerplexity(logprob, 1968), 1e-6);
    assertEquals(2672.657778 / 1968, DocumentMetrics.natsPerToken(logprob, 1968), 1e-15);
    assertEquals(Math.exp(2672.657778 / 4126), DocumentMetrics.bytePerplexity(logprob, 4126), 1e-12);
    assertEquals(Math.exp(2672.657778 / 800), DocumentMetrics.wordPerplexity(logprob, 800), 1e-9);
  }

  @Test
  void emptyDocumentHasUndefinedRatiosNotAnError() {
    assertTrue(Double.isNaN(DocumentMetrics.tokenPerplexity(0.0, 0)));
    assertTrue(Double.isNaN(DocumentMetrics.bitsPerByte(0.0, 0)));
    assertTrue(Double.isNaN(DocumentMetrics.natsPerToken(0.0, 0)));
  }
}
