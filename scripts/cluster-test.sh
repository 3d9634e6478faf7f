#!/usr/bin/env bash
# The Slurm path, for real: installs Debian's slurm-wlm and munge (if missing), starts a one-node cluster on
# this machine (slurmctld + slurmd as root, a generated slurm.conf in a temporary folder), submits the
# documented array job docs/cluster/sweep.slurm unchanged (its resource requests are overridden on the sbatch
# command line to fit this machine: --cpus-per-task=1 --mem=500M), waits, merges the shards as the job's
# header documents, and checks the merged runs.csv is byte-identical to one local sweep of the same design.
# Needs root (or sudo). Usage: scripts/cluster-test.sh   (make cluster-test)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
sudo=(); [ "$(id -u)" -ne 0 ] && sudo=(sudo)
if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq slurm-wlm munge
fi
work=$(mktemp -d /tmp/dongshu-slurm.XXXXXX)
chmod 755 "$work"
conf="$work/etc"; mkdir -p "$conf" "$work/state" "$work/spool" "$work/log" "$work/run"
cleanup() {
  [ -f "$work/run/slurmd.pid" ] && "${sudo[@]}" kill "$(cat "$work/run/slurmd.pid")" 2>/dev/null || true
  [ -f "$work/run/slurmctld.pid" ] && "${sudo[@]}" kill "$(cat "$work/run/slurmctld.pid")" 2>/dev/null || true
  [ -f "$work/run/munged.pid" ] && "${sudo[@]}" kill "$(cat "$work/run/munged.pid")" 2>/dev/null || true
  sleep 1; "${sudo[@]}" rm -rf "$work"
}
trap cleanup EXIT

# munge: a key of our own and a daemon on our own socket.
"${sudo[@]}" mungekey --create --keyfile "$work/munge.key" --force >/dev/null 2>&1 || \
  dd if=/dev/urandom of="$work/munge.key" bs=1024 count=1 2>/dev/null
"${sudo[@]}" chmod 600 "$work/munge.key"
sock="$work/run/munge.socket"
"${sudo[@]}" munged --key-file "$work/munge.key" --socket "$sock" --pid-file "$work/run/munged.pid" \
  --log-file "$work/log/munged.log" --seed-file "$work/run/munge.seed" --force

host=$(hostname -s)
cpus=$(nproc)
mem=$(awk '/MemTotal/ {printf "%d", $2/1024*0.8}' /proc/meminfo)
cat > "$conf/slurm.conf" <<CONF
ClusterName=dongshu-test
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$sock
CredType=cred/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/run/slurmctld.pid
SlurmdPidFile=$work/run/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
SlurmctldPort=16817
SlurmdPort=16818
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
ReturnToService=2
MpiDefault=none
NodeName=$host CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$conf/slurm.conf"
"${sudo[@]}" env SLURM_CONF="$SLURM_CONF" slurmctld
"${sudo[@]}" env SLURM_CONF="$SLURM_CONF" slurmd
for _ in $(seq 60); do
  sinfo -h -o '%T' 2>/dev/null | grep -q idle && break
  sleep 1
done
sinfo -h -o '%T' | grep -q idle || { echo "cluster-test: the node never became idle"; cat "$work/log/"*.log; exit 1; }

# The job runs from a copy of the project with the batch runner built, as a user's checkout would.
job="$work/job"; mkdir -p "$job/bin" "$job/docs/cluster"
CGO_ENABLED=0 go build -o "$job/bin/dongshu-batch" ./cmd/dongshu-batch
cp docs/cluster/sweep.slurm "$job/docs/cluster/"
cd "$job"
start=$(date +%s)
id=$(sbatch --parsable --cpus-per-task=1 --mem=500M --time=00:30:00 docs/cluster/sweep.slurm)
echo "cluster-test: submitted array job $id (docs/cluster/sweep.slurm, 8 shards)"
while squeue -h -j "$id" 2>/dev/null | grep -q .; do sleep 2; done
echo "cluster-test: array job done in $(( $(date +%s) - start )) s"
for i in $(seq 8); do
  [ -f "results/shard-$i/manifest.json" ] || { echo "cluster-test: shard $i missing"; cat dongshu-shard-$i.log || true; exit 1; }
done
rm -rf results/sweep
bin/dongshu-batch merge --out results/sweep results/shard-* >/dev/null
# The same design in one local sweep.
bin/dongshu-batch sweep --preset baseline --reps 100 --seed-base 1 \
  --set planner.enforcement=0,0.25,0.5,0.75,1 --set network.transit_cost=0,200000,400000 \
  --workers "$cpus" --out local >/dev/null 2>&1
if cmp -s results/sweep/runs.csv local/runs.csv; then
  echo "cluster-test: merged runs.csv ($(($(wc -l < local/runs.csv) - 1)) runs) is byte-identical to the local sweep"
else
  echo "cluster-test: merged runs.csv differs from the local sweep"; exit 1
fi
