"""
### xent: score, map, mixture estimates and scaling fits, once per logical date

Copy this file, `xent_tasks.py` and `.airflowignore` (beside it) into the DAGs folder: Airflow puts
that folder on `sys.path`, so the DAG imports `xent_tasks` as it is, and `.airflowignore` tells the
scheduler that `xent_tasks.py` is a module, not a DAG file. (Or install `xent_tasks.py` anywhere on
the scheduler's and workers' `PYTHONPATH`, or in the plugins folder, which Airflow also puts on
`sys.path`.) Needs Airflow 2.6+ and
`apache-airflow-providers-apache-spark`; `spark-submit` on the workers (or `spark-home` in the
connection `spark_default`, which also holds the master and the deploy mode).

Every task is a `spark-submit` of the shaded jar (`jobs/target/xent-jobs-*-shaded.jar`, main class
`xent.cli.Main`); the jar path comes from the Variable `xent_application`, Spark settings from
`xent_tasks.SPARK_CONF`, then the Variable `xent_spark_conf` (JSON), then the run's `spark_conf`
param. `plan` renders every command line of the run from its params and date (the same code
`python3 xent_tasks.py` runs to print them), and the Spark tasks run what it rendered:

| task | runs | writes |
|---|---|---|
| `score` | `xent score --model NAME=PATH --per-token`, one mapped task per entry of `models`, one at a time | `BASE/DS/score` |
| `map` | `xent map` over every scored model (or `map_models`) | `BASE/DS/map` |
| `mixture` | `xent mixture`: experts (per-token) and observed mixtures from the same score table | `BASE/DS/mixture` |
| `scaling_dataset` | `xent scaling dataset`: loss per (model, domain) joined with training.json | `BASE/DS/scaling` |
| `scaling_fit` | `xent scaling fit --where domain=* --law LAW`: JSON in the task log, plots | `BASE/DS/scaling/fit-LAW` |

**Reruns and retries.** Each date writes only under `BASE/DS`, so dates never touch each other.
`score` is resumable: a retry or a cleared task skips the (model, split) units already committed
and ends with the table one uninterrupted run gives; a rerun with another corpus or `max_length`
into the same date is refused (change `base`, or delete `BASE/DS/score`). The score tasks of one
run share that folder, which is why they run one at a time (`max_active_tis_per_dagrun=1`: two
score jobs in one folder would stage the corpus twice and clear each other's temporary files); each
job spreads over the whole cluster anyway. `score/summary.json` covers every model scored
into the date's folder so far (each score job adds those earlier tasks committed). Adding a
model to `models` and clearing the run scores only the new model. `map`, `mixture`,
`scaling_dataset` and `scaling_fit` recompute from the score table and overwrite their outputs
(Parquet in overwrite mode, CSV/JSON/PNG/SVG/HTML files rewritten); files that only another option
writes, such as `map-tsne.*`, stay from an earlier run. These four write their files through the
driver's local file system: with a cluster deploy mode, `base` must be a path every node mounts.
`scaling_dataset` needs `model_dirs/NAME/training.json` for every scored model.
"""

from datetime import datetime, timedelta

from airflow import DAG
from airflow.decorators import task
from airflow.models import Variable
from airflow.models.param import Param
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

# Beside this file: Airflow puts the DAGs folder on sys.path (docs: "Modules Management"), and
# .airflowignore keeps the scheduler from parsing xent_tasks.py as a DAG file.
import xent_tasks

default_args = {
    "owner": "xent",
    "retries": 2,
    "retry_delay": timedelta(minutes=5),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(minutes=30),
}

with DAG(
    dag_id="xent",
    description="Score a corpus with every model, then the model map, mixture estimates and scaling fits",
    schedule="@daily",
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args=default_args,
    params={name: Param(p.default, type=p.type, description=p.description)
            for name, p in xent_tasks.PARAMS.items()},
    doc_md=__doc__,
    tags=["xent", "spark"],
) as dag:

    @task(multiple_outputs=True)
    def plan(params=None, ds=None):
        """Every command of this run, rendered from its params and date (see xent_tasks.plan)."""
        planned = xent_tasks.plan(
            dict(params),
            ds,
            application=Variable.get("xent_application", default_var=xent_tasks.APPLICATION),
            conf=Variable.get("xent_spark_conf", default_var={}, deserialize_json=True),
        )
        for command in xent_tasks.commands(planned):
            print(command["task_id"], " ".join(command["command"]))
        return planned

    planned = plan()

    submit = dict(
        application=planned["application"],
        java_class=xent_tasks.MAIN_CLASS,
        conf=planned["conf"],
        conn_id=xent_tasks.SPARK_CONNECTION,
        env_vars=xent_tasks.DRIVER_ENV,
    )

    score = SparkSubmitOperator.partial(
        task_id=xent_tasks.SCORE.task_id,
        name="xent-" + xent_tasks.SCORE.task_id,
        max_active_tis_per_dagrun=1,
        **submit,
    ).expand(application_args=planned[xent_tasks.SCORE.task_id])

    tasks = {xent_tasks.SCORE.task_id: score}
    for spec in xent_tasks.TASKS:
        tasks[spec.task_id] = SparkSubmitOperator(
            task_id=spec.task_id,
            name="xent-" + spec.task_id,
            application_args=planned[spec.task_id],
            **submit,
        )

    for upstream, downstream in xent_tasks.DEPENDENCIES:
        tasks[upstream] >> tasks[downstream]
