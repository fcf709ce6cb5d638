package xent.tokenize;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Text that tokenizers get wrong, by kind: scripts, combining marks, emoji ZWJ sequences and skin
 * tones, whitespace runs, digits, code, SentencePiece's own space mark, and all of them at once.
 */
final class HardText {

  static final Map<String, String> SAMPLES = samples();

  private static Map<String, String> samples() {
    Map<String, String> text = new LinkedHashMap<>();
    text.put("Latin with accents", "Ça va? Été à Łódź: naïve façade, Dvořák, Ångström, Straße, œuvre, São Tomé.");
    text.put("decomposed accents", "Cafe\u0301 cre\u0300me bru\u0302le\u0301e, n\u0303, A\u030a");
    text.put("Cyrillic", "Съешь же ещё этих мягких французских булок, да выпей чаю. Ёжик, Україна, Ђорђе.");
    text.put("Greek", "Ξεσκεπάζω την ψυχοφθόρα βδελυγμία. Ἐν ἀρχῇ ἦν ὁ λόγος.");
    text.put("Arabic", "نصٌّ حكيمٌ لهُ سِرٌّ قاطعٌ وذُو شأنٍ عظيمٍ، مكتوبٌ على ثوبٍ أخضرَ ١٢٣٤٥");
    text.put("Hebrew", "דג סקרן שט בים מאוכזב ולפתע מצא חברה. שָׁלוֹם עֲלֵיכֶם");
    text.put("Devanagari", "ऋषियों को सताने वाले दुष्ट राक्षसों के राजा रावण का सर्वनाश करने वाले क्षत्रिय। १२३");
    text.put("CJK", "我能吞下玻璃而不伤身体。いろはにほへと ちりぬるを、カタカナ。다람쥐 헌 쳇바퀴에 타고파. 𠀀𪚥");
    text.put("Thai", "เป็นมนุษย์สุดประเสริฐเลิศคุณค่า กว่าบรรดาฝูงสัตว์เดรัจฉาน");
    text.put("emoji", "👩‍👩‍👧‍👦 family 👍🏽👍🏿 👨🏿‍💻 🏳️‍🌈 🇯🇵🇫🇷 ❤️‍🔥 🧑🏻‍🤝‍🧑🏾 ✌︎");
    text.put("whitespace runs", "  two leading,  two   three    four\t\ttabs\n\n\nthree newlines\r\nCRLF \r\n\t \u00a0nbsp\u3000ideographic   \n");
    text.put("digits", "3.14159265358979323846 12345678901234567890123 1,000,000.00 -0.5e-10 0x7fff_ffff 2026-12-03");
    text.put("code", "def f(x):\n    return {'a': [y**2 for y in range(10)]}  # squares\n\n"
        + "\tif (a != b && c <= d) { printf(\"%d\\n\", i++); }\n<div class=\"x\">&amp;</div>\n");
    text.put("SentencePiece's space mark", "a\u2581b \u2581\u2581c");
    text.put("everything at once", String.join(" ", text.values()));
    return Collections.unmodifiableMap(text);
  }

  private HardText() {}
}
