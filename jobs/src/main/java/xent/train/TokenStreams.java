package xent.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import xent.tokenize.Tokenizer;

/**
 * Each domain's documents tokenized and joined into one stream, every document preceded by the
 * tokenizer's prefix token, as the scorer sees it: prefix, doc 1, prefix, doc 2, ...
 */
public final class TokenStreams {

  private TokenStreams() {}

  /** One stream per domain, in the order of {@code textsByDomain}. */
  public static Map<String, int[]> of(Map<String, List<String>> textsByDomain, Tokenizer tokenizer) {
    int prefix = tokenizer.prefixId();
    Map<String, int[]> out = new LinkedHashMap<>();
    textsByDomain.forEach((domain, texts) -> {
      List<int[]> parts = new ArrayList<>(texts.size());
      long total = 0;
      for (String text : texts) {
        int[] ids = tokenizer.encode(text);
        parts.add(ids);
        total += ids.length + 1;
      }
      int[] stream = new int[Math.toIntExact(total)];
      int at = 0;
      for (int[] ids : parts) {
        stream[at++] = prefix;
        System.arraycopy(ids, 0, stream, at, ids.length);
        at += ids.length;
      }
      out.put(domain, stream);
    });
    return out;
  }
}
