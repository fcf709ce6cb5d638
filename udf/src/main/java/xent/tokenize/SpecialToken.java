package xent.tokenize;

/**
 * A special token's id and the file and key that named it, e.g. "tokenizer_config.json
 * bos_token", so that a user can see which of a folder's files decided it.
 *
 * @param id the token id
 * @param source where the id came from
 */
public record SpecialToken(int id, String source) {

  public SpecialToken {
    if (id < 0) {
      throw new IllegalArgumentException("special token id must be >= 0, found " + id);
    }
    if (source == null || source.isBlank()) {
      throw new IllegalArgumentException("special token " + id + " needs a source");
    }
  }
}
