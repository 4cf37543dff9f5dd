package org.dect.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import org.dect.cohort.BatchRun;
import org.dect.cohort.CohortTable;
import org.dect.cohort.Study;
import org.dect.cohort.StudyList;
import org.dect.decompose.Method;
import org.dect.pipeline.DecompositionOptions;
import org.dect.pipeline.OutputKind;
import org.dect.pipeline.OutputOptions;
import org.dect.render.Fusion;
import org.dect.study.PairRequest;

/**
 * dect batch over a Spark cluster: each study of a manifest is one task, which runs core's per-study
 * function ({@link BatchRun#runStudy}) into OUT/&lt;study&gt;/ on a path every executor sees, and
 * returns its row. The driver writes the cohort table as Parquet (OUT/cohort.parquet), as Spark's CSV
 * (OUT/cohort-csv/) and as dect batch's cohort.csv and cohort.json. A study that fails is a row with its
 * reason; the job goes on.
 *
 * <pre>spark-submit --class org.dect.spark.DectSpark dect-spark.jar MANIFEST.csv OUT [--method M] [--outputs LIST]</pre>
 */
public final class DectSpark {

    private DectSpark() { }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: DectSpark MANIFEST.csv OUT [--method three-material|two-material|ratio] [--outputs LIST]");
            System.exit(2);
        }
        String method = "three-material";
        String outputs = "fused,seg,overlay,report";
        for (int i = 2; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--method" -> method = args[i + 1];
                case "--outputs" -> outputs = args[i + 1];
                default -> {
                    System.err.println("unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        SparkSession spark = SparkSession.builder().appName("dect batch").getOrCreate();
        try {
            List<Map<String, Object>> rows = run(spark, Path.of(args[0]), Path.of(args[1]), method, outputs);
            long failed = rows.stream().filter(r -> !"ok".equals(r.get("status"))).count();
            System.out.println(rows.size() + " studies: " + (rows.size() - failed) + " ok, " + failed + " failed; " + Path.of(args[1], "cohort.csv"));
        } finally {
            spark.stop();
        }
    }

    /** Runs the manifest's studies as Spark tasks; returns the rows in the manifest's order. */
    public static List<Map<String, Object>> run(SparkSession spark, Path manifest, Path out, String method, String outputs) {
        List<Task> tasks = new ArrayList<>();
        List<Study> studies = StudyList.of(manifest);
        for (int i = 0; i < studies.size(); i++) {
            Study s = studies.get(i);
            tasks.add(new Task(i, s.id(), s.path().toAbsolutePath().toString(), s.pair().low(), s.pair().high(), s.preset(), s.patient(),
                    s.timepoint(), out.toAbsolutePath().toString(), method, outputs));
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<Row> rows = jsc.parallelize(tasks, Math.max(1, tasks.size())).map(new RunStudy());
        Dataset<Row> table = spark.createDataFrame(rows, schema()).orderBy("index").drop("index").cache();
        table.write().mode(SaveMode.Overwrite).parquet(out.resolve("cohort.parquet").toString());
        table.coalesce(1).write().mode(SaveMode.Overwrite).option("header", true).csv(out.resolve("cohort-csv").toString());
        List<Map<String, Object>> maps = new ArrayList<>();
        for (Row r : table.collectAsList()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (String c : CohortTable.COLUMNS) {
                m.put(c, r.getAs(c));
            }
            maps.add(m);
        }
        CohortTable.write(maps, out);
        return maps;
    }

    /** One study, as an executor receives it: plain strings, so that it serialises. */
    public record Task(int index, String id, String path, String low, String high, String preset, String patient, String timepoint,
                       String out, String method, String outputs) implements Serializable { }

    /** An executor's work: the study into OUT/&lt;study&gt;/, its row back. */
    static final class RunStudy implements Function<Task, Row> {
        @Override
        public Row call(Task t) {
            DecompositionOptions options = DecompositionOptions.defaults().withMethod(Method.parse(t.method()));
            OutputOptions outputs = new OutputOptions(OutputKind.parse(t.outputs()), Fusion.DEFAULT,
                    OutputOptions.seriesNumberBase(LocalTime.now()), "spark");
            BatchRun run = new BatchRun(options, outputs, 1, false, line -> { });
            Study s = new Study(t.id(), Path.of(t.path()), new PairRequest(t.low(), t.high()), t.preset(), t.patient(), t.timepoint());
            int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
            Map<String, Object> row = run.runStudy(s, Path.of(t.out()).resolve(t.id()), threads);
            Object[] values = new Object[CohortTable.COLUMNS.size() + 1];
            values[0] = t.index();
            for (int i = 0; i < CohortTable.COLUMNS.size(); i++) {
                values[i + 1] = cell(CohortTable.COLUMNS.get(i), row.get(CohortTable.COLUMNS.get(i)));
            }
            return RowFactory.create(values);
        }
    }

    /** A row value in its column's type: numbers as double or int, a list (the warnings) as text. */
    static Object cell(String column, Object v) {
        if (v == null) {
            return null;
        }
        DataType type = type(column);
        if (type == DataTypes.DoubleType) {
            return ((Number) v).doubleValue();
        }
        if (type == DataTypes.IntegerType) {
            return ((Number) v).intValue();
        }
        return v instanceof List<?> l ? String.join("; ", l.stream().map(String::valueOf).toList()) : String.valueOf(v);
    }

    static DataType type(String column) {
        return switch (column) {
            case "urate_volume_ml", "urate_volume_ml_ci95_low", "urate_volume_ml_ci95_high", "urate_voxel_volume_ml", "calcium_volume_ml",
                 "seconds" -> DataTypes.DoubleType;
            case "urate_lesions", "calcium_lesions" -> DataTypes.IntegerType;
            default -> DataTypes.StringType;
        };
    }

    static StructType schema() {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField("index", DataTypes.IntegerType, false));
        for (String c : CohortTable.COLUMNS) {
            fields.add(DataTypes.createStructField(c, type(c), true));
        }
        return DataTypes.createStructType(fields);
    }
}
