/**
 * xent for notebooks (Zeppelin, spark-shell) and other Spark applications: {@link
 * xent.notebook.Xent#score} scores texts of a Dataset under models, and {@link
 * xent.notebook.ScoreOutput}, {@link xent.notebook.MapOutput}, {@link xent.notebook.MixtureOutput}
 * and {@link xent.notebook.ScalingOutput} read what the jobs wrote as Datasets with explicit
 * schemas. Only this package is meant to be called from a note; the jobs' own packages may move.
 */
package xent.notebook;
