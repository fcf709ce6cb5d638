package xent.corpora;

import java.util.List;

/** One npm package of sample data and how its files become documents. */
public interface Source {

  /** Short name used in ids and the {@code source} field, e.g. {@code brown}. */
  String name();

  /** The pinned package. */
  NpmPackage npmPackage();

  /** The domains its documents belong to. */
  List<String> domains();

  /** Whether the tarball file (relative to the package root) holds documents. */
  boolean wants(String file);

  /** Its documents, in a fixed order, with empty texts left out. */
  List<SourceDocument> documents(PackageTarball tarball);

  /** Markdown for the README: where the text comes from and what was done to it. */
  String provenance();
}
