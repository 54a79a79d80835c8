"""Long work in the background: the tasks the worker runs (``manage.py
db_worker``, django-tasks' database backend) and the calls that queue them.

Each task works for a ``Job`` row that an editor watches in the admin: queued,
running (with how many articles or files so far), done or failed, and what
came of it. The row and the queued task are written in the caller's
transaction, so a correction or a lexicon edit is never stored without the
work it calls for being queued, and that work is visibly pending until the
worker has done it. The work itself runs in its own transactions, a batch of
articles or a file at a time, so it holds no lock for its whole length.

Editors' corrections reach the other articles containing the word here
(``correct_segmentation``, ``propagate``), as do resegmenting (``resegment``,
what ``manage.py resegment`` does) and importing front pages uploaded in the
admin (``upload_pages``, previewed with ``dry_run``, then ``confirm_import``:
what ``manage.py import_issues`` does, with and without ``--dry-run``).
"""

import logging
import os
import tempfile
import traceback
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from archive.importer import Tally, import_file, import_files
from archive.models import Job, UploadedPage
from archive.segmentations import resegment as resegment_archive
from archive.segmentations import resegment_containing, save_correction

logger = logging.getLogger(__name__)

# Words named in a job's subject; the rest are counted.
SUBJECT_WORDS = 10
# Uploads previewed and never confirmed nor cancelled are deleted after this.
PREVIEW_KEPT = timedelta(days=1)


class ImportFailed(Exception):
    """Some uploaded files could not be imported (the others were)."""


def correct_segmentation(article, edited, user, *, loaded=None):
    """``archive.segmentations.save_correction``, and the segmentation of the
    other articles containing the words it changed queued in the same
    transaction. Returns the ``Correction`` and the ``Job`` (None when the
    correction changed no word of the lexicon)."""
    with transaction.atomic():
        correction = save_correction(article, edited, user, loaded=loaded)
        words = [*correction.added, *correction.removed]
        job = propagate(words, user=user, article=article) if words else None
    return correction, job


def propagate(words, *, user=None, article=None):
    """Queue segmenting again every article containing one of ``words``
    (lexicon words just changed), but ``article`` (whose segmentation the
    editor has just corrected)."""
    words = list(dict.fromkeys(words))
    job = Job(
        kind=Job.Kind.PROPAGATION,
        subject=f"含有{_named(words)}的文章",
        words=words,
        article=article,
        created_by=user,
    )
    return _queue(run_propagation, job)


def resegment(words=(), *, user=None):
    """Queue what ``manage.py resegment`` does: every article, or those
    containing one of ``words``."""
    words = list(dict.fromkeys(words))
    subject = f"含有{_named(words)}的文章" if words else "全部文章"
    return _queue(run_resegment, Job(kind=Job.Kind.RESEGMENT, subject=subject, words=words, created_by=user))


def requeue(job):
    """Queue a failed propagation or resegment again, as it was asked for."""
    if job.kind == Job.Kind.IMPORT or job.status != Job.Status.FAILED:
        raise ValueError("only a failed propagation or resegment is queued again")
    job.done, job.total, job.outcome, job.error = 0, None, "", ""
    job.started_at = job.finished_at = None
    return _queue(run_propagation if job.kind == Job.Kind.PROPAGATION else run_resegment, job)


def upload_pages(files, *, user=None):
    """Keep uploaded front pages (``(file name, bytes)``) for a preview, in a
    job waiting for the editor's confirmation. Also deletes the uploads of
    previews left unconfirmed for a day."""
    Job.objects.filter(
        kind=Job.Kind.IMPORT, status=Job.Status.PREVIEW, created_at__lt=timezone.now() - PREVIEW_KEPT
    ).delete()
    names = [name for name, _ in files]
    with transaction.atomic():
        job = Job.objects.create(
            kind=Job.Kind.IMPORT,
            status=Job.Status.PREVIEW,
            subject=f"{len(names)} 个文件：{_listed(names)}",
            created_by=user,
        )
        UploadedPage.objects.bulk_create(UploadedPage(job=job, name=name, data=data) for name, data in files)
    return job


def dry_run(job):
    """What importing the job's uploaded pages would do: their outcomes, as
    ``import_issues --dry-run`` reports them. Each file is imported and
    rolled back in this process, one at a time."""
    with _pages_on_disk(job) as paths:
        return [import_file(path, dry_run=True) for path in paths]


def confirm_import(job):
    """Queue the import of a previewed upload, once however often it is
    confirmed (a double click, two tabs): raises ValueError when the job is
    no longer waiting for confirmation."""
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job.pk)
        if job.kind != Job.Kind.IMPORT or job.status != Job.Status.PREVIEW:
            raise ValueError("only a previewed upload is confirmed")
        return _queue(run_import, job)


def _queue(work, job):
    """Write the job as queued and queue ``work`` for it, in one transaction."""
    with transaction.atomic():
        job.status = Job.Status.QUEUED
        job.save()
        result = work.enqueue(job.pk)
        Job.objects.filter(pk=job.pk).update(task_id=str(result.id))
    job.refresh_from_db()
    return job


@contextmanager
def _running(job_id):
    """The job, marked running; done when the block ends, failed (with the
    error, the task failing too) when it raises."""
    Job.objects.filter(pk=job_id).update(status=Job.Status.RUNNING, started_at=timezone.now())
    job = Job.objects.get(pk=job_id)
    try:
        yield job
    except Exception as error:
        logger.exception("job %s failed", job_id)
        Job.objects.filter(pk=job_id).update(
            status=Job.Status.FAILED,
            finished_at=timezone.now(),
            outcome=f"失败：{error}",
            report=job.report,
            error="" if isinstance(error, ImportFailed) else traceback.format_exc(),
        )
        raise
    Job.objects.filter(pk=job_id).update(
        status=Job.Status.DONE,
        finished_at=timezone.now(),
        done=job.done,
        total=job.done if job.total is None else job.total,
        outcome=job.outcome,
        report=job.report,
    )


@task()
def run_propagation(job_id):
    with _running(job_id) as job:
        exclude = {job.article_id} if job.article_id else set()
        changed = resegment_containing(job.words, exclude=exclude, progress=job.record_progress)
        job.outcome = f"已重新分词 {len(changed)} 篇文章。"
    return len(changed)


@task()
def run_resegment(job_id):
    with _running(job_id) as job:
        changed = resegment_archive(job.words or None, progress=job.record_progress)
        job.outcome = f"已重新分词 {len(changed)} 篇文章。"
    return len(changed)


@task()
def run_import(job_id):
    """Import the job's uploaded pages as ``import_issues`` does, each file in
    its own transaction; the uploads are deleted however it ends."""
    try:
        with _running(job_id) as job, _pages_on_disk(job) as paths:
            tally = Tally()
            job.record_progress(0, len(paths))
            workers = min(len(paths), os.cpu_count() or 1)
            for outcome in import_files(paths, workers=max(workers, 1)):
                tally.add(outcome)
                job.report += outcome.lines(outcome.path.name)
                job.record_progress(job.done + 1, len(paths))
            summary = tally.summary()
            if tally.failures:
                raise ImportFailed(summary)
            job.outcome = "导入完成：" + summary
    finally:
        UploadedPage.objects.filter(job_id=job_id).delete()
    return tally.counts


@contextmanager
def _pages_on_disk(job):
    """The job's uploaded pages as files under their own names (the importer
    knows an issue by its file's name), in a folder deleted afterwards."""
    with tempfile.TemporaryDirectory(prefix="newsroom-upload-") as folder:
        paths = []
        for page in job.pages.all():
            path = Path(folder) / Path(page.name).name
            path.write_bytes(bytes(page.data))
            paths.append(path)
        yield paths


def _named(words):
    shown = "、".join(f"“{word}”" for word in words[:SUBJECT_WORDS])
    return shown if len(words) <= SUBJECT_WORDS else f"{shown}等 {len(words)} 个词"


def _listed(names):
    shown = "、".join(names[:SUBJECT_WORDS])
    return shown if len(names) <= SUBJECT_WORDS else f"{shown}等"
