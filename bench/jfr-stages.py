#!/usr/bin/env python3
"""Where the full topology's time goes, from a JDK Flight Recorder recording of FullTopologyThroughput.

    BENCH_SKIP_BUILD=1 BENCH_JAVA_OPTS="-Xmx2g -XX:FlightRecorderOptions:stackdepth=256 \
      -XX:StartFlightRecording=filename=/tmp/ftt.jfr,settings=profile" bench/run FullTopologyThroughput 20000 2
    python3 bench/jfr-stages.py /tmp/ftt.jfr [round-thread-prefix]

Only the full-topology rounds count: a round's window runs from the first to the last sample of its stream
thread (threads named `bench-full-topology-N-...`; another prefix may be given), so the pass-through rounds and
the storm (simulated clock, main thread) are left out. Within the windows every Java thread's samples count,
the in-process broker's included, since it shares the two cores with the topology.

Prints, as percentages of samples (the machine is shared, seconds are not comparable):
  1. the top frames (leaf frame, and the first frame outside the JDK);
  2. every sample put in one stage: the leaf-most frame that belongs to a known library or stage decides
     (RocksDB JNI, Jackson split by the hop that called it, transactions, producer, consumer, logging, ...);
  3. for the stream threads, the share of samples that ran inside each topology stage, a commit, a serde,
     the (de)serializations by hop and stage; the machine's and the JVM's CPU load;
  4. the stream threads' native samples (RocksDB vs network) and their blocked time (parks and monitor waits
     of 10 ms or more, as `settings=profile` records them) as a share of the rounds' wall time;
  5. GC pauses as a share of the rounds' wall time (GC threads are not sampled by JFR).
Needs the JDK's `jfr` tool ($JAVA_HOME/bin or next to `java` on the PATH).
"""
import collections
import datetime
import json
import os
import re
import shutil
import subprocess
import sys

EVENTS = ("jdk.ExecutionSample,jdk.NativeMethodSample,jdk.ThreadPark,jdk.JavaMonitorWait,jdk.GarbageCollection,"
          "jdk.CPULoad")
TOPOLOGY_STAGES = ["Normalize", "Dedupe", "Silence", "Correlate", "Lifecycle", "Throttle", "Outbox", "Rules",
                   "Detect"]


def jfr_tool():
    home = os.environ.get("JAVA_HOME")
    if home and os.path.exists(os.path.join(home, "bin", "jfr")):
        return os.path.join(home, "bin", "jfr")
    java = shutil.which("java")
    return os.path.join(os.path.dirname(os.path.realpath(java)), "jfr")


def when(text):
    return datetime.datetime.fromisoformat(text.rstrip("Z")[:26])


def seconds(text):
    # jfr prints durations as ISO-8601 ("PT0.012345S")
    m = re.match(r"PT(?:(\d+)M)?([\d.]+)S", text or "")
    return (int(m.group(1) or 0) * 60 + float(m.group(2))) if m else 0.0


def frames(event):
    trace = event["values"].get("stackTrace") or {"frames": []}
    return [(f["method"]["type"]["name"], f["method"]["name"]) for f in trace["frames"]]


def thread(event):
    t = event["values"].get("sampledThread") or event["values"].get("eventThread") or {}
    return t.get("javaName") or t.get("osName") or "?"


def thread_kind(name, prefix):
    if name.startswith(prefix) and "-StreamThread-" in name:
        return "stream thread"
    if name.startswith("kafka-producer-network-thread"):
        return "producer I/O thread"
    if re.match(r"(data-plane|kafka-|group-coordinator|TxnMarker|AddPartitions|quorum|controller|broker|"
                r"ExpirationReaper|transaction-log|share-)", name):
        return "in-process broker"
    return "other (" + re.sub(r"[-\d]+$", "", name)[:30] + ")"


def hop_of(fs, start):
    """Which hop a (de)serialization belongs to, from the frames above it."""
    for cls, meth in fs[start:]:
        if "state/internals/" in cls and ("Metered" in cls or "Caching" in cls or "ChangeLogging" in cls):
            return "state store value"
        if cls.endswith("RecordCollectorImpl") or cls.endswith("SinkNode"):
            return "sink/repartition write"
        if cls.endswith("RecordDeserializer") or cls.endswith("SourceNode") or cls.endswith("RecordQueue"):
            return "source read"
        if cls.startswith("io/alertbridge/processor/aws/"):
            return "AWS message parse (normalize)"
    return "inside a stage"


def serde_hop(fs):
    """The hop of the innermost (de)serialization in a stack: source, store get/put, changelog, sink."""
    for cls, meth in fs:
        short = cls.rsplit("/", 1)[-1]
        if short.startswith("Metered") and meth in ("deserializeValue", "outerValue", "get"):
            return "state store read (deserialize)"
        if short.startswith("Metered") and meth in ("serializeValue", "rawValue", "put", "putIfAbsent"):
            return "state store write (serialize)"
        if short.startswith("ChangeLogging") or short.startswith("Caching") and "flush" in meth:
            return "store flush/changelog"
        if short in ("RecordCollectorImpl", "SinkNode"):
            return "sink/repartition write (serialize)"
        if short in ("SourceNode", "RecordDeserializer", "RecordQueue"):
            return "source read (deserialize)"
    return "other"


def topology_stage(fs):
    for cls, _ in fs:
        m = re.match(r"io/alertbridge/processor/topology/(\w+)Stage", cls)
        if m:
            return m.group(1).lower()
    return "outside a stage (commit, flush, punctuation)"


def stage_of(fs, kind):
    """The leaf-most frame that belongs to a known library or stage decides: (stage, that frame)."""
    if kind == "in-process broker":
        own = next((f for f in fs if not re.match(r"(java|jdk|sun)/", f[0])), fs[0])
        return "in-process broker (request handling, log appends)", own
    for i, frame in enumerate(fs):
        stage = decide(fs, i, *frame)
        if stage:
            return stage, frame
    return "JDK/other", fs[0]


def decide(fs, i, cls, meth):
    """The stage a frame belongs to, or None for frames of no known library or stage."""
    if cls.startswith("org/rocksdb/"):
        what = ("iterator" if "Iterator" in cls else "get" if "get" in meth.lower() else
                "put/write" if re.search(r"put|write|merge|delete", meth, re.I) else
                "flush" if "flush" in meth.lower() else meth)
        return "RocksDB JNI " + what
    if cls.startswith("com/fasterxml/jackson/"):
        return "JSON (Jackson): " + hop_of(fs, i)
    if cls.startswith("ch/qos/logback/") or cls.startswith("org/slf4j/"):
        return "logging"
    if cls.endswith("TransactionManager") or (cls.endswith("KafkaProducer") and "Transaction" in meth):
        return "transactions (TransactionManager, commit)"
    if cls.startswith("org/apache/kafka/clients/producer/") or cls.endswith("RecordCollectorImpl"):
        return "producer send (changelog, repartition, sinks)"
    if cls.startswith("org/apache/kafka/clients/consumer/"):
        return "consumer poll/fetch"
    if cls.startswith("org/apache/kafka/common/network/") or cls.startswith("org/apache/kafka/clients/"):
        return "client network I/O"
    if cls.startswith("io/alertbridge/processor/") and re.search(r"Throttl|Digest", cls):
        return "throttle stage (own code)"
    if cls.startswith("io/alertbridge/"):
        for s in TOPOLOGY_STAGES:
            if s in cls.rsplit("/", 1)[-1]:
                return s.lower() + " stage (own code)"
        return "alertbridge model/serde (own code)"
    if cls.startswith("org/apache/kafka/streams/state/") or cls.startswith("org/apache/kafka/streams/kstream/"):
        return "Kafka Streams stores/caches (Java)"
    if cls.startswith("org/apache/kafka/"):
        return "Kafka Streams runtime (other)"
    return None


def name(frame):
    return frame[0].replace("/", ".") + "." + frame[1]


def pct(n, total):
    return f"{100.0 * n / total:5.1f} %" if total else "  -  "


def table(title, counter, total, limit=None):
    print(f"\n{title} ({total} samples)")
    for key, n in counter.most_common(limit):
        print(f"  {pct(n, total)}  {n:6d}  {key}")


def main():
    path = sys.argv[1]
    prefix = sys.argv[2] if len(sys.argv) > 2 else "bench-full-topology-"
    out = subprocess.run([jfr_tool(), "print", "--json", "--stack-depth", "256", "--events", EVENTS, path], check=True,
                         capture_output=True, text=True).stdout
    events = json.loads(out)["recording"]["events"]
    windows = {}
    for e in events:
        if e["type"] == "jdk.ExecutionSample":
            m = re.match(re.escape(prefix) + r"(\d+)-.*StreamThread", thread(e))
            if m:
                t = when(e["values"]["startTime"])
                lo, hi = windows.get(m.group(1), (t, t))
                windows[m.group(1)] = (min(lo, t), max(hi, t))
    wall = sum((hi - lo).total_seconds() for lo, hi in windows.values())
    print("rounds:", ", ".join(f"{k}: {(hi - lo).total_seconds():.1f} s" for k, (lo, hi) in sorted(windows.items())))

    def inside(e):
        t = when(e["values"]["startTime"])
        return any(lo <= t <= hi for lo, hi in windows.values())

    def foreign(name_):  # a pass-through round's threads never overlap, but be sure
        return name_.startswith("bench-") and not name_.startswith(prefix)

    leaf, first_own, stages, kinds = (collections.Counter() for _ in range(4))
    in_stage, native, blocked = collections.Counter(), collections.Counter(), collections.Counter()
    deciders = collections.defaultdict(collections.Counter)
    hops, cpu = collections.Counter(), collections.defaultdict(list)
    stream_total = native_total = 0
    gc_pause = 0.0
    gc_count = 0
    for e in events:
        if not inside(e):
            continue
        tn, fs = thread(e), frames(e)
        if foreign(tn):
            continue
        kind = thread_kind(tn, prefix)
        if e["type"] == "jdk.ExecutionSample" and fs:
            kinds[kind] += 1
            leaf[name(fs[0])] += 1
            own = next((f for f in fs if not re.match(r"(java|jdk|sun)/", f[0])), fs[0])
            first_own[name(own)] += 1
            stage, decider = stage_of(fs, kind)
            stages[stage] += 1
            deciders[stage][name(decider)] += 1
            if kind == "stream thread":
                stream_total += 1
                joined = " ".join(c + "." + m for c, m in fs)
                for s in TOPOLOGY_STAGES:
                    if re.search(r"io/alertbridge/processor/topology/" + s + r"Stage", joined):
                        in_stage["inside " + s.lower() + " stage"] += 1
                if re.search(r"TaskExecutor\.commit|commitOffsetsOrTransaction|TaskManager\.commit", joined):
                    in_stage["inside a commit (flush of caches/stores, offsets, transaction)"] += 1
                if re.search(r"\.(serialize|deserialize)\b", joined):
                    in_stage["inside a serializer/deserializer (any hop)"] += 1
                    hops[serde_hop(fs) + " | " + topology_stage(fs)] += 1
                if "org/rocksdb/" in joined:
                    in_stage["inside RocksDB JNI"] += 1
                if "com/fasterxml/jackson/" in joined:
                    in_stage["inside Jackson"] += 1
        elif e["type"] == "jdk.NativeMethodSample" and kind == "stream thread" and fs:
            native_total += 1
            native["RocksDB" if any(c.startswith("org/rocksdb/") for c, _ in fs) else name(fs[0])] += 1
        elif e["type"] in ("jdk.ThreadPark", "jdk.JavaMonitorWait") and kind == "stream thread":
            own = next((f for f in fs if not re.match(r"(java|jdk|sun)/", f[0])), fs[0] if fs else ("?", "?"))
            ctx = "a commit: " if re.search(r"commit|Transaction", " ".join(m for _, m in fs)) else ""
            blocked[ctx + name(own)] += seconds(e["values"].get("duration"))
        elif e["type"] == "jdk.CPULoad":
            v = e["values"]
            cpu["JVM (all threads, % of the machine)"].append(("jvm", float(v["jvmUser"]) + float(v["jvmSystem"])))
            cpu["machine total (% of the machine)"].append(("machine", float(v["machineTotal"])))
        elif e["type"] == "jdk.GarbageCollection":
            gc_count += 1
            gc_pause += seconds(e["values"].get("sumOfPauses"))

    total = sum(kinds.values())
    table("1a. top leaf frames, all threads", leaf, total, 15)
    table("1b. top first non-JDK frames, all threads", first_own, total, 15)
    table("2. samples by stage (exclusive, leaf-most known frame decides), all threads", stages, total)
    print("\n   the frames that decided each stage (top 3, % of all samples)")
    for stage, n in stages.most_common():
        print(f"  {pct(n, total)}  {stage}")
        for frame, k in deciders[stage].most_common(3):
            print(f"           {pct(k, total)}  {frame}")
    table("   samples by thread", kinds, total)
    table("3. stream-thread samples inside ... (inclusive, overlapping)", in_stage, stream_total)
    table("3b. stream-thread samples in a (de)serializer: hop | topology stage", hops, stream_total, 15)
    print("\n3c. CPU load in the rounds, mean of jdk.CPULoad (a share of the whole machine)")
    for key in ("machine total (% of the machine)", "JVM (all threads, % of the machine)"):
        rows = [load for _, load in cpu.pop(key, [])]
        if rows:
            print(f"  {100.0 * sum(rows) / len(rows):5.1f} %  {key.split(' (')[0]}")
    table("4a. stream-thread native samples (one thread is sampled per period: shares only)", native, native_total, 8)
    print(f"\n4b. stream threads blocked (parks/waits >= 10 ms) over {wall:.1f} s of rounds:")
    for key, s in sorted(blocked.items(), key=lambda kv: -kv[1])[:8]:
        print(f"  {100.0 * s / wall:5.1f} %  {s:6.1f} s  {key}")
    print(f"\n5. GC: {gc_count} collections, pauses {gc_pause:.2f} s = {100.0 * gc_pause / wall:.1f} % of the rounds")


if __name__ == "__main__":
    main()
