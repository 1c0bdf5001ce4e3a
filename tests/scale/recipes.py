#!/usr/bin/env python3
"""recipes.py DOC DIR - the recipes of docs/scale.md as scripts to run.

Each fenced block after a `<!-- recipe: NAME -->` line is a recipe.  This
writes, into DIR, what tests/scale.sh runs in place of each scheduler:

  NAME.convert.sh      the shard's script, as the scheduler runs it
  NAME.report.sh       the merge step's script
  NAME.env             shell assignments: SHARDS (N) and INDEXES (the index
                       values the scheduler gives, in its own counting)

and exits 1, saying why, when a recipe is not what its scheduler needs
(an Indexed Job whose completions, parallelism and SHARDS differ, a matrix
whose list does not match its /N, a GitHub expression other than
matrix.shard, ...).  GitHub's `${{ matrix.shard }}` is replaced per shard
(NAME.convert.sh.K), as the runner would.
"""
import re
import sys

import yaml

doc, out = sys.argv[1], sys.argv[2]
text = open(doc, encoding="utf-8").read()
blocks = dict(re.findall(r"<!-- recipe: ([\w-]+) -->\n```\w*\n(.*?)\n```", text, re.S))
problems = []


def need(cond, why):
    if not cond:
        problems.append(why)
    return cond


def write(name, body):
    with open(f"{out}/{name}", "w", encoding="utf-8") as f:
        f.write(body if body.endswith("\n") else body + "\n")


def container_script(job):
    c = job["spec"]["template"]["spec"]["containers"][0]
    need(c["command"] == ["sh", "-c"], "a container runs its script with sh -c")
    env = {e["name"]: e["value"] for e in c.get("env", [])}
    return c["args"][0], env


# ---- Kubernetes: an Indexed Job, then a report Job --------------------------
k = yaml.safe_load(blocks["kubernetes-convert"])
script, env = container_script(k)
spec = k["spec"]
n = int(env.get("SHARDS", 0))
need(spec.get("completionMode") == "Indexed", "the convert Job is an Indexed Job")
need(spec["completions"] == spec["parallelism"] == n > 1,
     "completions, parallelism and SHARDS are one number")
need("JOB_COMPLETION_INDEX" in script, "the shard comes from JOB_COMPLETION_INDEX")
write("kubernetes.convert.sh", f"SHARDS={n}\n{script}")
write("kubernetes.report.sh", container_script(yaml.safe_load(blocks["kubernetes-report"]))[0])
write("kubernetes.env", f"SHARDS={n}\nINDEXES='{' '.join(str(i) for i in range(n))}'\n")

# ---- GitHub Actions: a matrix, artifacts, a report job ------------------------
g = yaml.safe_load(blocks["github-actions"])
conv, rep = g["jobs"]["convert"], g["jobs"]["report"]
shards = conv["strategy"]["matrix"]["shard"]
need(rep.get("needs") == "convert", "the report job needs the convert jobs")
need(shards == list(range(1, len(shards) + 1)), "the matrix lists the shards 1..N")
runs = [s["run"] for s in conv["steps"] if "run" in s]
def action(job, name):
    return next(s.get("with", {}) for s in job["steps"] if s.get("uses", "").startswith(name + "@"))


up, down = action(conv, "actions/upload-artifact"), action(rep, "actions/download-artifact")
for k_ in shards:
    body = "\n".join(runs)
    need(f"/{len(shards)}\"" in body, "the run step's /N is the matrix's length")
    body = re.sub(r"\$\{\{\s*matrix\.shard\s*\}\}", str(k_), body)
    need("${{" not in body, "the run steps use no expression but matrix.shard")
    write(f"github.convert.sh.{k_}", body)
need(re.fullmatch(r"shards/\$\{\{ matrix\.shard \}\}/", up["path"]) is not None,
     "each shard uploads its own tree")
need(up["name"] == "shard-${{ matrix.shard }}" and down["pattern"] == "shard-*" and down["path"] == "shards",
     "the report job downloads every shard's artifact into shards/<name>/")
write("github.report.sh", "\n".join(s["run"] for s in rep["steps"] if "run" in s))
write("github.env", f"SHARDS={len(shards)}\nINDEXES='{' '.join(map(str, shards))}'\n")

# ---- GitLab CI: parallel, artifacts ------------------------------------------
gl = yaml.safe_load(blocks["gitlab-ci"])
n = gl["convert"]["parallel"]
need(gl["stages"] == ["convert", "report"] and gl["report"]["stage"] == "report", "report comes after convert")
need(gl["convert"]["artifacts"]["paths"] == ["shards/"], "each job keeps its shards/ tree")
write("gitlab.convert.sh", "\n".join(gl["convert"]["script"]))
write("gitlab.report.sh", "\n".join(gl["report"]["script"]))
write("gitlab.env", f"SHARDS={n}\nINDEXES='{' '.join(str(i) for i in range(1, n + 1))}'\n")

# ---- Slurm: an array, then a dependent report job ------------------------------
s = blocks["slurm-convert"]
m = re.search(r"^#SBATCH --array=(\d+)-(\d+)$", s, re.M)
lo, hi = int(m.group(1)), int(m.group(2))
need(lo == 1, "the array counts from 1, as --shard does")
cpus = re.search(r"^#SBATCH --cpus-per-task=(\d+)$", s, re.M).group(1)
write("slurm.convert.sh", s)
sub = blocks["slurm-submit"]
need("--dependency=afterok:" in sub, "the report waits for every task to succeed")
wrap = re.search(r"--wrap '([^']*)'", sub).group(1)
write("slurm.report.sh", wrap)
write("slurm.env", f"SHARDS={hi - lo + 1}\nINDEXES='{' '.join(str(i) for i in range(lo, hi + 1))}'\nCPUS={cpus}\n")
# the same array numbered from 0: the index + 1 is K, the tree shards/K
s0 = blocks["slurm-convert-0"]
m = re.search(r"^#SBATCH --array=(\d+)-(\d+)$", s0, re.M)
lo0, hi0 = int(m.group(1)), int(m.group(2))
need(lo0 == 0, "the 0-based array counts from 0")
need('--shard "$((SLURM_ARRAY_TASK_ID + 1))/$SLURM_ARRAY_TASK_COUNT"' in s0 and 'shards/$((SLURM_ARRAY_TASK_ID + 1))' in s0,
     "a 0-based array adds 1 to the index, for --shard and the tree")
cpus0 = re.search(r"^#SBATCH --cpus-per-task=(\d+)$", s0, re.M).group(1)
write("slurm0.convert.sh", s0)
write("slurm0.report.sh", wrap)
write("slurm0.env", f"SHARDS={hi0 - lo0 + 1}\nINDEXES='{' '.join(str(i) for i in range(lo0, hi0 + 1))}'\nCPUS={cpus0}\n")

for p in problems:
    print(f"{doc}: {p}")
sys.exit(1 if problems else 0)
