"""cpu_budget: the CPUs a process may use, from its affinity mask and its cgroup's quota."""

import os

from diffexplain.core.cpu_budget import quota_cpus, usable_cpus


def _files(tmp_path, cpu_max=None, quota=None, period=None):
    paths = {name: tmp_path / name for name in ("cpu.max", "quota", "period")}
    for name, text in (("cpu.max", cpu_max), ("quota", quota), ("period", period)):
        if text is not None:
            paths[name].write_text(text)
    return paths["cpu.max"], paths["quota"], paths["period"]


def test_cgroup_v2_quota_is_read_in_cpus(tmp_path):
    assert quota_cpus(*_files(tmp_path, cpu_max="7800 100000\n")) == 0.078
    assert quota_cpus(*_files(tmp_path, cpu_max="200000 100000\n")) == 2.0


def test_no_quota_in_either_cgroup_version(tmp_path):
    assert quota_cpus(*_files(tmp_path, cpu_max="max 100000\n")) is None
    assert quota_cpus(*_files(tmp_path, quota="-1", period="100000")) is None


def test_cgroup_v1_quota_when_there_is_no_v2_file(tmp_path):
    assert quota_cpus(*_files(tmp_path, quota="150000\n", period="100000\n")) == 1.5


def test_a_small_quota_on_a_large_host_means_one_cpu():
    assert usable_cpus(affinity=64, quota=0.078) == 1
    assert usable_cpus(affinity=64, quota=2.0) == 2
    assert usable_cpus(affinity=1, quota=4.0) == 1


def test_this_process_is_counted_from_its_affinity_mask():
    assert 1 <= usable_cpus() <= len(os.sched_getaffinity(0))
