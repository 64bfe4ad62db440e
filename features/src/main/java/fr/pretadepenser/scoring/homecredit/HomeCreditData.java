package fr.pretadepenser.scoring.homecredit;

import fr.pretadepenser.scoring.events.BureauBalanceMonth;
import fr.pretadepenser.scoring.events.BureauCredit;
import fr.pretadepenser.scoring.events.ClientHistory;
import fr.pretadepenser.scoring.events.CreditCardMonth;
import fr.pretadepenser.scoring.events.InstalmentPayment;
import fr.pretadepenser.scoring.events.LoanApplication;
import fr.pretadepenser.scoring.events.PosCashMonth;
import fr.pretadepenser.scoring.events.PreviousApplication;
import fr.pretadepenser.scoring.features.CategoryVocabulary;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.function.LongConsumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kaggle Home Credit tables of one folder, held compactly in memory and handed out one
 * applicant at a time, in application-file order.
 *
 * <p>Loading parses every table into primitive columns and indexes the history by client; {@link
 * #applicant(int)} then builds that one client's Avro {@link ClientHistory}. It is thread-safe once
 * loaded, so applicants can be computed in parallel. The full Kaggle data (307,511 applicants,
 * about 58 million history rows) takes a few GiB this way, where 58 million Avro objects would not
 * fit.
 */
public final class HomeCreditData {

  private static final Logger LOG = LoggerFactory.getLogger(HomeCreditData.class);

  private final Instant submittedAt;
  private final ColumnarTable applications;
  private final Column.IntColumn target;
  private final Column.LongColumn clientIds;
  private final Map<HomeCreditTable, Child> children;
  private final Map<HomeCreditTable, TableReport> reports;
  private final CategoryVocabulary vocabulary;

  /** A child table with its rows grouped by parent; empty when the file is absent. */
  private record Child(ColumnarTable rows, Groups groups) {
    static final Child NONE = new Child(null, Groups.EMPTY);
  }

  private HomeCreditData(
      Instant submittedAt,
      ColumnarTable applications,
      Column.IntColumn target,
      Map<HomeCreditTable, Child> children,
      Map<HomeCreditTable, TableReport> reports) {
    this.submittedAt = submittedAt;
    this.applications = applications;
    this.target = target;
    this.clientIds = (Column.LongColumn) applications.column("SK_ID_CURR");
    this.children = children;
    this.reports = reports;
    this.vocabulary = buildVocabulary();
  }

  /**
   * Loads {@code directory} with one thread per core; see {@link #load(HomeCreditFiles, Options)}.
   */
  public static HomeCreditData load(Path directory, Instant submittedAt) {
    return load(HomeCreditFiles.locate(directory), new Options(submittedAt, 0, n -> {}));
  }

  /**
   * How to load.
   *
   * @param submittedAt the submission time given to every application
   * @param threads tables read at once; 0 means one per available core
   * @param progress told the number of file bytes read as loading goes (from several threads)
   */
  public record Options(Instant submittedAt, int threads, LongConsumer progress) {}

  /**
   * Reads every table found.
   *
   * @throws DataFileException naming file, line and column when a file is malformed
   */
  public static HomeCreditData load(HomeCreditFiles files, Options options) {
    Path appFile = files.file(HomeCreditTable.APPLICATION).orElseThrow();
    TableReader.Result app =
        TableReader.read(HomeCreditTable.APPLICATION, appFile, null, options.progress());
    Map<HomeCreditTable, TableReport> reports = new EnumMap<>(HomeCreditTable.class);
    reports.put(
        HomeCreditTable.APPLICATION,
        new TableReport(HomeCreditTable.APPLICATION, appFile, app.rowsRead(), app.rows().size, 0));
    KeyIndex clients =
        KeyIndex.of(
            (Column.LongColumn) app.rows().column("SK_ID_CURR"),
            app.rows().size,
            app.rows().fileName);
    int appCount = app.rows().size;

    int threads =
        options.threads() > 0 ? options.threads() : Runtime.getRuntime().availableProcessors();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    Map<HomeCreditTable, Child> children = new EnumMap<>(HomeCreditTable.class);
    try {
      // Largest tables first so that two threads finish close together; bureau_balance needs
      // bureau's credit ids, so the two are read one after the other in one task.
      List<Future<Map<HomeCreditTable, Loaded>>> tasks = new ArrayList<>();
      for (HomeCreditTable t :
          List.of(
              HomeCreditTable.INSTALLMENTS_PAYMENTS,
              HomeCreditTable.BUREAU,
              HomeCreditTable.CREDIT_CARD_BALANCE,
              HomeCreditTable.PREVIOUS_APPLICATION,
              HomeCreditTable.POS_CASH_BALANCE)) {
        tasks.add(pool.submit(() -> loadFamily(files, t, clients, appCount, options.progress())));
      }
      for (Future<Map<HomeCreditTable, Loaded>> task : tasks) {
        for (Map.Entry<HomeCreditTable, Loaded> e : await(task).entrySet()) {
          children.put(e.getKey(), e.getValue().child());
          reports.put(e.getKey(), e.getValue().report());
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return new HomeCreditData(options.submittedAt(), app.rows(), app.target(), children, reports);
  }

  private record Loaded(Child child, TableReport report) {}

  private static Map<HomeCreditTable, Loaded> loadFamily(
      HomeCreditFiles files,
      HomeCreditTable table,
      KeyIndex clients,
      int appCount,
      LongConsumer progress) {
    Map<HomeCreditTable, Loaded> out = new EnumMap<>(HomeCreditTable.class);
    Loaded loaded = loadChild(files, table, clients::find, appCount, progress);
    out.put(table, loaded);
    if (table == HomeCreditTable.BUREAU) {
      ColumnarTable bureau = loaded.child().rows();
      if (bureau == null) {
        out.put(
            HomeCreditTable.BUREAU_BALANCE,
            loadChild(files, HomeCreditTable.BUREAU_BALANCE, k -> -1, 0, progress));
      } else {
        KeyIndex credits =
            KeyIndex.of(
                (Column.LongColumn) bureau.column("SK_ID_BUREAU"), bureau.size, bureau.fileName);
        out.put(
            HomeCreditTable.BUREAU_BALANCE,
            loadChild(files, HomeCreditTable.BUREAU_BALANCE, credits::find, bureau.size, progress));
      }
    }
    return out;
  }

  private static Loaded loadChild(
      HomeCreditFiles files,
      HomeCreditTable table,
      TableReader.ParentLookup parents,
      int parentCount,
      LongConsumer progress) {
    Path file = files.file(table).orElse(null);
    if (file == null) {
      LOG.warn(
          "{}: no {}.csv or {}.csv.gz; every client's {} history is empty",
          files.directory(),
          table.fileNames().get(0),
          table.fileNames().get(0),
          table.fileNames().get(0));
      return new Loaded(Child.NONE, TableReport.absent(table));
    }
    TableReader.Result r = TableReader.read(table, file, parents, progress);
    if (r.orphans() > 0) {
      LOG.info(
          "{}: skipped {} of {} rows whose {} is not in the data",
          file.getFileName(),
          r.orphans(),
          r.rowsRead(),
          table.parentKey());
    }
    Groups groups = Groups.of(r.parentOf(), r.rows().size, parentCount);
    return new Loaded(
        new Child(r.rows(), groups),
        new TableReport(table, file, r.rowsRead(), r.rows().size, r.orphans()));
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while loading", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Number of applicants. */
  public int size() {
    return applications.size;
  }

  /** True when the application file has a TARGET column (application_train). */
  public boolean hasTarget() {
    return target != null;
  }

  /** What was read, table by table (absent tables included). */
  public Map<HomeCreditTable, TableReport> reports() {
    return java.util.Collections.unmodifiableMap(reports);
  }

  /**
   * Levels of every string column seen in the data, every string column of the schemas declared.
   */
  public CategoryVocabulary vocabulary() {
    return vocabulary;
  }

  /** The {@code index}-th applicant of the application file, with its whole history. */
  public Applicant applicant(int index) {
    LoanApplication app = applications.fill(index, new LoanApplication());
    long id = clientIds.getLong(index);
    app.setApplicationId("HC-" + id);
    app.setSubmittedAt(submittedAt);
    Integer t = target == null ? null : (Integer) target.get(index);
    ClientHistory history = new ClientHistory();
    history.setSKIDCURR(id);
    history.setBureau(bureau(index));
    history.setPreviousApplications(
        rows(HomeCreditTable.PREVIOUS_APPLICATION, index, r -> new PreviousApplication()));
    history.setPosCash(rows(HomeCreditTable.POS_CASH_BALANCE, index, r -> new PosCashMonth()));
    history.setInstalments(
        rows(HomeCreditTable.INSTALLMENTS_PAYMENTS, index, r -> new InstalmentPayment()));
    history.setCreditCard(
        rows(HomeCreditTable.CREDIT_CARD_BALANCE, index, r -> new CreditCardMonth()));
    return new Applicant(app, t, history);
  }

  /** Every applicant in file order; sequential, call {@code parallel()} to spread the work. */
  public Stream<Applicant> applicants() {
    return IntStream.range(0, size()).mapToObj(this::applicant);
  }

  private List<BureauCredit> bureau(int client) {
    Child bureau = children.get(HomeCreditTable.BUREAU);
    Child balances = children.get(HomeCreditTable.BUREAU_BALANCE);
    int start = bureau.groups().start(client);
    int end = bureau.groups().end(client);
    List<BureauCredit> out = new ArrayList<>(end - start);
    for (int i = start; i < end; i++) {
      int row = bureau.groups().row(i);
      BureauCredit credit = bureau.rows().fill(row, new BureauCredit());
      int bs = balances.groups().start(row);
      int be = balances.groups().end(row);
      List<BureauBalanceMonth> months = new ArrayList<>(be - bs);
      for (int j = bs; j < be; j++) {
        months.add(balances.rows().fill(balances.groups().row(j), new BureauBalanceMonth()));
      }
      credit.setBalances(months);
      out.add(credit);
    }
    return out;
  }

  private <T extends SpecificRecordBase> List<T> rows(
      HomeCreditTable table, int client, IntFunction<T> factory) {
    Child child = children.get(table);
    int start = child.groups().start(client);
    int end = child.groups().end(client);
    List<T> out = new ArrayList<>(end - start);
    for (int i = start; i < end; i++) {
      int row = child.groups().row(i);
      out.add(child.rows().fill(row, factory.apply(row)));
    }
    return out;
  }

  private CategoryVocabulary buildVocabulary() {
    CategoryVocabulary.Builder builder = CategoryVocabulary.builder();
    for (HomeCreditTable table : HomeCreditTable.values()) {
      for (Schema.Field f : table.schema().getFields()) {
        if (CategoryVocabulary.isString(f.schema()) && !table.filledByReader().contains(f.name())) {
          builder.declare(table.vocabularyTable(), f.name());
        }
      }
      ColumnarTable rows =
          table == HomeCreditTable.APPLICATION ? applications : children.get(table).rows();
      if (rows == null) {
        continue;
      }
      for (Column c : rows.columns()) {
        if (c instanceof Column.StringColumn s) {
          for (String v : s.valuesUsed(rows.size)) {
            builder.add(table.vocabularyTable(), c.name, v);
          }
        }
      }
    }
    return builder.build();
  }
}
