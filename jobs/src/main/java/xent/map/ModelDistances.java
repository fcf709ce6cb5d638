package xent.map;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/** The m x m matrix of d_ij between models, in the order of {@code models}. */
public record ModelDistances(List<String> models, double[][] d) {

  public ModelDistances {
    models = List.copyOf(models);
  }

  public double get(int i, int j) {
    return d[i][j];
  }

  /** A neighbour of a model: another model and its distance. */
  public record Neighbor(String model, int rank, String neighbor, double distance) {}

  /** The {@code k} nearest other models of every model, nearest first (ties by name). */
  public List<Neighbor> nearest(int k) {
    List<Neighbor> out = new ArrayList<>();
    for (int i = 0; i < models.size(); i++) {
      int self = i;
      List<Integer> order = IntStream.range(0, models.size()).filter(j -> j != self).boxed()
          .sorted(Comparator.<Integer>comparingDouble(j -> d[self][j]).thenComparing(models::get))
          .limit(k).toList();
      for (int r = 0; r < order.size(); r++) {
        out.add(new Neighbor(models.get(i), r + 1, models.get(order.get(r)), d[i][order.get(r)]));
      }
    }
    return out;
  }
}
