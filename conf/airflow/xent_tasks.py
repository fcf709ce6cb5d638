"""The spark-submit commands of xent's Airflow DAG (xent_dag.py), as plain data.

Standard library only, so that the commands can be rendered and checked without Airflow:

    python3 conf/airflow/xent_tasks.py [--params JSON] [--ds YYYY-MM-DD] [--engine auto|jinja|plain]

prints, as JSON, every spark-submit command line the DAG would run for those params and that
logical date: the application jar, the main class, the Spark conf and the application args of each
task. The DAG's `plan` task calls plan() below with the run's params and ds, and its operators run
exactly what it returns.

Templates use Airflow's names: {{ ds }}, {{ params.NAME }}, and {{ model }} for the score task
(one task per model). They are rendered with jinja2 when it is installed (it always is under
Airflow), otherwise by a small substitution of those names, which is all these templates use.
"""

import argparse
import json
import re
import sys
from collections import namedtuple

# --- The one place for what every task shares --------------------------------------------------

# The shaded jar (`mvn package` writes it to jobs/target/); the Airflow Variable `xent_application`
# overrides this path.
APPLICATION = "/opt/xent/jobs/target/xent-jobs-0.1.0-SNAPSHOT-shaded.jar"
MAIN_CLASS = "xent.cli.Main"
# The Airflow connection holding the master (spark://..., yarn, k8s://...) and the deploy mode.
SPARK_CONNECTION = "spark_default"

# Spark settings of every task, before the Airflow Variable `xent_spark_conf` (a JSON object) and
# then the run's `spark_conf` param, which override them key by key. Sizing for a cluster is in
# conf/spark/*.conf; these are what any xent job needs.
SPARK_CONF = {
    # DJL contacts a cloud metadata address at engine start unless told not to: executors, and
    # the driver where it runs inside the cluster (YARN and Kubernetes cluster mode).
    "spark.executorEnv.OPT_OUT_TRACKING": "true",
    "spark.yarn.appMasterEnv.OPT_OUT_TRACKING": "true",
    "spark.kubernetes.driverEnv.OPT_OUT_TRACKING": "true",
    # DJL unpacks the PyTorch and tokenizer native libraries here; home folders of cluster users
    # may be read-only or shared, so a local writable folder.
    "spark.executorEnv.DJL_CACHE_DIR": "/tmp/xent-djl-cache",
    "spark.yarn.appMasterEnv.DJL_CACHE_DIR": "/tmp/xent-djl-cache",
    "spark.kubernetes.driverEnv.DJL_CACHE_DIR": "/tmp/xent-djl-cache",
    # PyTorch threads per task = spark.task.cpus (xent.scoring.TaskDevice).
    "spark.executor.cores": "4",
    "spark.task.cpus": "2",
    "spark.executor.memory": "4g",
    # PyTorch's weights and activations live outside the JVM heap: see conf/spark/*.conf.
    "spark.executor.memoryOverhead": "6g",
}

# The environment of spark-submit itself: the driver in client mode loads tokenizers through DJL.
DRIVER_ENV = {"OPT_OUT_TRACKING": "true"}

Param = namedtuple("Param", "default type description")

# The DAG's params (Airflow `Param`s, overridable when a run is triggered).
PARAMS = {
    "corpus": Param("/data/xent/corpus/valid.jsonl", "string",
                    "Corpus to score: JSONL (also .gz), Parquet or a folder of text files; a Hadoop glob is fine."),
    "models": Param(["scaling-d16-l1=/data/xent/models/scaling-d16-l1",
                     "scaling-d32-l2=/data/xent/models/scaling-d32-l2",
                     "expert-news=/data/xent/models/expert-news",
                     "expert-fiction=/data/xent/models/expert-fiction",
                     "mixture-00=/data/xent/models/mixture-00"], "array",
                    "Models as NAME=PATH, one score task each; PATH on a shared file system or shipped with spark.archives."),
    "model_dirs": Param("/data/xent/models", "string",
                        "Folder with NAME/training.json per model: metadata of the map, mixture weights, the scaling dataset."),
    "base": Param("/data/xent/runs", "string",
                  "Output root; each logical date writes BASE/DATE/{score,map,mixture,scaling}."),
    "max_length": Param(1024, "integer", "Most tokens per scoring window (0: each model's context)."),
    "per_token": Param(True, "boolean",
                       "Score with --per-token: the mixture estimate needs the experts' per-token log-probs, and"
                       " every model of a date shares one score folder, so all or none."),
    "map_models": Param("", ["null", "string"], "Glob of the models to map (empty: all scored models)."),
    "expert_models": Param("expert-*", "string", "Glob of the per-domain expert models of the mixture estimate."),
    "observed_models": Param("mixture-*", "string", "Glob of the trained mixtures whose losses the mixture estimate fits."),
    "mixture_target": Param("", ["null", "string"], "Domain weights of the target mixture, domain=weight,... (empty: none)."),
    "law": Param("chinchilla", "string", "Scaling law to fit: chinchilla, kaplan-n, kaplan-d, power-plus-constant, lr-annealing."),
    "spark_conf": Param({}, "object", "Spark settings for this run, over SPARK_CONF and the Variable xent_spark_conf."),
}

# --- The tasks ---------------------------------------------------------------------------------

TaskSpec = namedtuple("TaskSpec", "task_id subcommand options")
TaskSpec.__doc__ = """One spark-submit task: application args = subcommand + options.

options are (option, template) pairs, added as option and value; a pair whose template renders
empty is left out, so that an optional param left empty means the job's own default. A Flag is
added alone, when its template renders true.
"""

Flag = namedtuple("Flag", "option template")

RUN = "{{ params.base }}/{{ ds }}"

SCORE = TaskSpec("score", ["score"], [
    ("--model", "{{ model }}"),
    ("--corpus", "{{ params.corpus }}"),
    ("--out", RUN + "/score"),
    ("--max-length", "{{ params.max_length }}"),
    Flag("--per-token", "{{ params.per_token }}"),
])

# In dependency order: every task after score, scaling_fit after scaling_dataset (xent_dag.py).
TASKS = [
    TaskSpec("map", ["map"], [
        ("--scores", RUN + "/score"),
        ("--out", RUN + "/map"),
        ("--model-dirs", "{{ params.model_dirs }}"),
        ("--models", "{{ params.map_models }}"),
    ]),
    TaskSpec("mixture", ["mixture"], [
        ("--experts", RUN + "/score"),
        ("--observed", RUN + "/score"),
        ("--out", RUN + "/mixture"),
        ("--expert-models", "{{ params.expert_models }}"),
        ("--observed-models", "{{ params.observed_models }}"),
        ("--model-dirs", "{{ params.model_dirs }}"),
        ("--target", "{{ params.mixture_target }}"),
    ]),
    TaskSpec("scaling_dataset", ["scaling", "dataset"], [
        ("--scores", RUN + "/score"),
        ("--models", "{{ params.model_dirs }}"),
        ("--out", RUN + "/scaling"),
    ]),
    TaskSpec("scaling_fit", ["scaling", "fit"], [
        ("--data", RUN + "/scaling/dataset.csv"),
        ("--where", "domain=*"),
        ("--law", "{{ params.law }}"),
        ("--plots", RUN + "/scaling/fit-{{ params.law }}"),
    ]),
]

# Which task runs after which, besides `plan` before every Spark task (their arguments are its output).
DEPENDENCIES = [
    ("score", "map"),
    ("score", "mixture"),
    ("score", "scaling_dataset"),
    ("scaling_dataset", "scaling_fit"),
]

# --- Rendering ---------------------------------------------------------------------------------

_NAME = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\s*\}\}")


def _plain(template, context):
    """{{ a.b }} -> context['a']['b']; any other Jinja syntax is refused, not half-rendered."""
    def lookup(match):
        value = context
        for part in match.group(1).split("."):
            if not isinstance(value, dict) or part not in value:
                raise KeyError("template %r: %s is not defined" % (template, match.group(1)))
            value = value[part]
        return "" if value is None else str(value)
    rendered = _NAME.sub(lookup, template)
    if "{{" in rendered or "{%" in rendered:
        raise ValueError("template %r uses Jinja beyond {{ name.attr }}; install jinja2" % template)
    return rendered


def renderer(engine="auto"):
    """A function (template, context) -> str: jinja2 if installed (or asked for), else _plain."""
    if engine == "plain":
        return _plain
    try:
        import jinja2
    except ImportError:
        if engine == "jinja":
            raise
        return _plain
    environment = jinja2.Environment(undefined=jinja2.StrictUndefined,
                                     finalize=lambda v: "" if v is None else v)
    return lambda template, context: environment.from_string(template).render(context)


def application_args(spec, context, render):
    args = list(spec.subcommand)
    for option in spec.options:
        if isinstance(option, Flag):
            value = render(option.template, context).lower()
            if value not in ("true", "false", ""):
                raise ValueError("%s: %r is not true or false" % (option.option, value))
            if value == "true":
                args.append(option.option)
        else:
            name, template = option
            value = render(template, context)
            if value != "":
                args += [name, value]
    return args


def checked_params(params):
    """The DAG's defaults under the given params, checked: models are distinct NAME=PATH."""
    merged = {name: p.default for name, p in PARAMS.items()}
    unknown = sorted(set(params or {}) - set(PARAMS))
    if unknown:
        raise ValueError("unknown params %s; known: %s" % (unknown, sorted(PARAMS)))
    merged.update(params or {})
    names = []
    for model in merged["models"]:
        name, _, path = str(model).partition("=")
        if not name or not path:
            raise ValueError("params.models: %r is not NAME=PATH" % model)
        names.append(name)
    if not names:
        raise ValueError("params.models is empty: give at least one NAME=PATH")
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ValueError("params.models: names %s appear more than once" % duplicates)
    return merged


def plan(params, ds, application=APPLICATION, conf=None, engine="auto"):
    """Everything the DAG submits for one logical date.

    Returns {"application", "java_class", "conf", "score": [args per model], TASK_ID: args, ...}.
    conf (the Variable xent_spark_conf) and params["spark_conf"] override SPARK_CONF in that order.
    """
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(ds)):
        raise ValueError("ds %r is not a date YYYY-MM-DD" % ds)
    params = checked_params(params)
    render = renderer(engine)
    spark_conf = dict(SPARK_CONF)
    spark_conf.update(conf or {})
    spark_conf.update(params["spark_conf"] or {})
    result = {
        "application": application,
        "java_class": MAIN_CLASS,
        "conf": {key: str(value) for key, value in spark_conf.items()},
        SCORE.task_id: [application_args(SCORE, {"params": params, "ds": ds, "model": model}, render)
                        for model in params["models"]],
    }
    for spec in TASKS:
        result[spec.task_id] = application_args(spec, {"params": params, "ds": ds}, render)
    return result


def spark_submit(application, java_class, conf, args, name):
    """The command line SparkSubmitOperator runs (master and deploy mode come from the connection)."""
    command = ["spark-submit"]
    for key, value in sorted(conf.items()):
        command += ["--conf", "%s=%s" % (key, value)]
    return command + ["--name", name, "--class", java_class, application] + list(args)


def commands(planned):
    """One entry per spark-submit the DAG runs, in dependency order."""
    entries = []
    for index, args in enumerate(planned[SCORE.task_id]):
        entries.append((SCORE.task_id, index, args))
    entries += [(spec.task_id, None, planned[spec.task_id]) for spec in TASKS]
    return [{
        "task_id": task_id,
        "map_index": index,
        "application": planned["application"],
        "java_class": planned["java_class"],
        "conf": planned["conf"],
        "application_args": args,
        "command": spark_submit(planned["application"], planned["java_class"], planned["conf"], args,
                                "xent-" + task_id),
    } for task_id, index, args in entries]


def main(argv):
    parser = argparse.ArgumentParser(description="Print the spark-submit commands of the xent DAG as JSON.")
    parser.add_argument("--params", default="{}", help="JSON object of DAG params (defaults: PARAMS)")
    parser.add_argument("--ds", default="2026-01-01", help="logical date, YYYY-MM-DD")
    parser.add_argument("--application", default=APPLICATION, help="the jar (Variable xent_application)")
    parser.add_argument("--conf", default="{}", help="JSON object: the Variable xent_spark_conf")
    parser.add_argument("--engine", choices=["auto", "jinja", "plain"], default="auto")
    options = parser.parse_args(argv)
    planned = plan(json.loads(options.params), options.ds, options.application, json.loads(options.conf),
                   options.engine)
    json.dump(commands(planned), sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
