package xent.mixture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import xent.train.TrainingMetadata;

/**
 * The K data experts, one per training domain, in domain order: expert i was trained on
 * {@code domains.get(i)}, so a mixture w over experts is a data mixture over those domains.
 */
public record Experts(List<String> models, List<String> domains) {

  public Experts {
    models = List.copyOf(models);
    domains = List.copyOf(domains);
    if (models.isEmpty() || models.size() != domains.size()) {
      throw new IllegalArgumentException("experts: " + models.size() + " models for " + domains.size() + " domains");
    }
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < models.size(); i++) {
      String other = seen.put(domains.get(i), models.get(i));
      if (other != null) {
        throw new IllegalArgumentException("experts " + other + " and " + models.get(i) + " both stand for domain '"
            + domains.get(i) + "': one expert per domain (set --expert-domain NAME=DOMAIN)");
      }
    }
  }

  public int size() {
    return models.size();
  }

  public int indexOfDomain(String domain) {
    return domains.indexOf(domain);
  }

  /**
   * The experts among {@code models}, each with its domain: {@code explicit} if it names the
   * model, else the dominant domain of NAME/training.json under {@code modelDirs}, else the
   * suffix after "expert-". Every domain must be one of {@code tableDomains}.
   */
  static Experts resolve(List<String> models, List<String> tableDomains, Map<String, String> explicit, Path modelDirs)
      throws IOException {
    if (models.isEmpty()) {
      throw new IllegalArgumentException("no expert models: none of the score table's models match --expert-models");
    }
    List<String[]> pairs = new ArrayList<>();
    for (String model : models) {
      String domain = domainOf(model, explicit, modelDirs);
      if (!tableDomains.contains(domain)) {
        throw new IllegalArgumentException("expert " + model + ": domain '" + domain + "' is not a domain of the score table "
            + tableDomains + " (set --expert-domain " + model + "=DOMAIN)");
      }
      pairs.add(new String[] {model, domain});
    }
    pairs.sort(Comparator.comparing((String[] p) -> p[1]));
    return new Experts(pairs.stream().map(p -> p[0]).toList(), pairs.stream().map(p -> p[1]).toList());
  }

  private static String domainOf(String model, Map<String, String> explicit, Path modelDirs) throws IOException {
    if (explicit.containsKey(model)) {
      return explicit.get(model);
    }
    if (modelDirs != null) {
      Path json = modelDirs.resolve(model).resolve("training.json");
      if (Files.isRegularFile(json)) {
        String dominant = TrainingMetadata.read(json).dominantDomain();
        if (dominant != null && !dominant.equals("mixture")) {
          return dominant;
        }
      }
    }
    return model.startsWith("expert-") ? model.substring("expert-".length()) : model;
  }
}
