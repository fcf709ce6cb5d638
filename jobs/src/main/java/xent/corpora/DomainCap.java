package xent.corpora;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * At most {@code bytes} of text per domain, shared between the splits as the splits share the
 * documents (90/5/5), so that a small cap still leaves validation and test documents. Within a
 * split, documents are taken in the order of a hash of their id while they fit: a deterministic
 * sample spread over all source documents, not the first ones. 0 means no cap.
 */
record DomainCap(long bytes) {

  DomainCap {
    if (bytes < 0) {
      throw new IllegalArgumentException("cap bytes per domain must be >= 0 (0: no cap), got " + bytes);
    }
  }

  /** The documents of one domain that stay, in their original order. */
  List<CorpusDocument> apply(List<CorpusDocument> domain) {
    if (bytes == 0) {
      return domain;
    }
    Set<String> kept = new HashSet<>();
    for (Split split : Split.values()) {
      long budget = bytes * split.percent() / 100;
      List<CorpusDocument> candidates = new ArrayList<>();
      for (CorpusDocument document : domain) {
        if (document.split() == split) {
          candidates.add(document);
        }
      }
      candidates.sort(Comparator.comparingLong((CorpusDocument d) -> Split.hash("cap:" + d.id()))
          .thenComparing(CorpusDocument::id));
      long used = 0;
      for (CorpusDocument document : candidates) {
        if (used + document.bytes() <= budget) {
          kept.add(document.id());
          used += document.bytes();
        }
      }
    }
    List<CorpusDocument> result = new ArrayList<>();
    for (CorpusDocument document : domain) {
      if (kept.contains(document.id())) {
        result.add(document);
      }
    }
    return result;
  }
}
