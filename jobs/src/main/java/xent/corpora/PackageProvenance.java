package xent.corpora;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where one source's text came from.
 *
 * @param tarballSha256 hex SHA-256 of the tarball that was read
 * @param license the licence package.json declares
 * @param dataLicense the licence datapackage.json declares for the data, or null
 */
public record PackageProvenance(Source source, String tarballSha256, String license, String dataLicense) {

  static PackageProvenance of(Source source, PackageTarball tarball) throws IOException {
    return new PackageProvenance(source, sha256(tarball.file()), tarball.packageLicense(),
        tarball.dataLicense());
  }

  private static String sha256(Path file) throws IOException {
    try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file),
        MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(in.getMessageDigest().digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
