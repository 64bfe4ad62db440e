package fr.pretadepenser.scoring.app;

import fr.pretadepenser.scoring.features.CategoryVocabulary;
import fr.pretadepenser.scoring.features.FeatureCatalogue;
import fr.pretadepenser.scoring.features.FeatureDefinition;
import fr.pretadepenser.scoring.homecredit.HomeCreditData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scoring catalogue}: the feature list with plain-words descriptions, as Markdown. The
 * project's docs/FEATURES.md is this command's output on the shipped sample.
 */
@Command(
    name = "catalogue",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the feature catalogue (count per family, every feature with its description) as"
          + " Markdown, for the categorical vocabulary of a folder of Kaggle tables or of a"
          + " vocabulary file.",
      "docs/FEATURES.md is: scoring catalogue --data data/home-credit-sample --out docs/FEATURES.md"
    })
final class CatalogueCommand implements Callable<Integer> {

  static final String TITLE = "Features";

  @Option(names = "--data", paramLabel = "DIR", description = "Folder of tables.")
  Path data;

  @Option(
      names = "--vocabulary",
      paramLabel = "FILE.json",
      description = "Vocabulary file (e.g. a model's) instead of --data.")
  Path vocabularyIn;

  @Option(names = "--out", required = true, paramLabel = "FILE.md", description = "Output file.")
  Path out;

  @Override
  public Integer call() throws Exception {
    if ((data == null) == (vocabularyIn == null)) {
      throw new UserException("give exactly one of --data or --vocabulary");
    }
    CategoryVocabulary vocabulary =
        vocabularyIn != null
            ? FeaturesCommand.readVocabulary(vocabularyIn)
            : HomeCreditData.load(data, Instant.now()).vocabulary();
    try (AtomicFile file = new AtomicFile(out)) {
      Files.writeString(file.temp(), markdown(vocabulary), StandardCharsets.UTF_8);
      file.commit();
    }
    return 0;
  }

  static String markdown(CategoryVocabulary vocabulary) {
    return FeatureCatalogue.markdown(new FeatureDefinition(vocabulary), TITLE);
  }
}
