"""Single-runner jobs: however many replicas try at once, one runs."""

import asyncio

import pytest

from cartera_shared.jobs import run_single


async def test_only_one_of_many_concurrent_runners_runs(lab, unique):
    entered = 0

    async def work(session):
        nonlocal entered
        entered += 1
        await asyncio.sleep(0.5)  # hold the lock while the others try
        return "done"

    results = await asyncio.gather(
        *(run_single(lab.sessions, f"job-{unique}", work) for _ in range(5))
    )
    assert entered == 1
    assert sorted(ran for ran, _ in results) == [False, False, False, False, True]
    assert [r for ran, r in results if ran] == ["done"]


async def test_the_lock_is_free_again_after_a_run_and_after_a_failure(lab, unique):
    async def fail(session):
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        await run_single(lab.sessions, f"job-{unique}", fail)

    async def work(session):
        return 1

    assert await run_single(lab.sessions, f"job-{unique}", work) == (True, 1)
    assert await run_single(lab.sessions, f"job-{unique}", work) == (True, 1)
