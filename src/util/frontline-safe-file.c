/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "frontline-safe-file"

#ifndef _GNU_SOURCE
#define _GNU_SOURCE  /* renameat2, RENAME_NOREPLACE */
#endif

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "frontline-safe-file.h"

/* Why not g_file_replace_contents(): GLib 2.74 renames its temporary file over
 * the target even after a write failed (a full disk leaves an empty file), and
 * writes a new file under its own name. Here nothing touches the target until
 * every byte is on disk, and any error removes the temporary file. */

#define BUFFER_SIZE (256 * 1024)

struct _FrontlineSafeFile
{
  char     *display_name;  /* as the caller named it, for messages */
  char     *target;        /* the file written: a symlink resolved */
  char     *folder;
  char     *temp;          /* NULL once renamed or removed */
  int       fd;
  gboolean  replace;
  gboolean  committed;
  GError   *error;         /* the first write error: every later call fails with it */
  guint8   *buffer;
  gsize     buffered;
};

/**
 * frontline_set_write_error:
 * @name: the file as the user named it
 * @saved_errno: what went wrong
 *
 * Sets @error to “Could not write “@name”: …” in the code of @saved_errno.
 */
void
frontline_set_write_error (GError     **error,
                           const char  *name,
                           int          saved_errno)
{
  /* Translators: the first %s is a file name, the second what went wrong */
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not write “%s”: %s"), name, g_strerror (saved_errno));
}

/**
 * frontline_set_exists_error:
 * @name: the file as the user named it
 *
 * Sets @error to say that @name exists and how to replace it.
 */
void
frontline_set_exists_error (GError     **error,
                            const char  *name)
{
  /* Translators: %s is a file name */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
               _("“%s” already exists: use --force to replace it"), name);
}

static void
remove_temp (FrontlineSafeFile *self)
{
  if (self->fd >= 0)
    {
      close (self->fd);
      self->fd = -1;
    }
  if (self->temp != NULL)
    {
      g_unlink (self->temp);
      g_clear_pointer (&self->temp, g_free);
    }
}

/* Where the bytes go: @path itself, or the file a symlink points to (so the
 * link stays a link). NULL with @error set when there is no such file. */
static char *
resolve_target (const char  *path,
                const char  *name,
                GError     **error)
{
  struct stat st;
  char *resolved;

  if (lstat (path, &st) != 0 || !S_ISLNK (st.st_mode))
    return g_strdup (path);

  resolved = realpath (path, NULL);
  if (resolved == NULL)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        /* Translators: %s is a file name */
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     _("Could not write “%s”: it is a link to a file that does not exist"), name);
      else
        frontline_set_write_error (error, name, saved_errno);
      return NULL;
    }

  {
    char *copy = g_strdup (resolved);

    free (resolved);
    return copy;
  }
}

/**
 * frontline_safe_file_new:
 * @file: the file to write (a local one)
 * @replace: whether an existing @file may be replaced; if not, an existing
 *   file is %G_IO_ERROR_EXISTS and is left alone
 *
 * Opens a temporary file next to @file (next to the file it points to, when
 * @file is a symbolic link). Nothing is visible under @file's name until
 * frontline_safe_file_commit() succeeds.
 *
 * Returns: (transfer full) (nullable): the writer, or %NULL with @error set
 */
FrontlineSafeFile *
frontline_safe_file_new (GFile     *file,
                         gboolean   replace,
                         GError   **error)
{
  g_autoptr(FrontlineSafeFile) self = NULL;
  g_autofree char *path = NULL;
  g_autofree char *base = NULL;
  struct stat st;
  gboolean exists;
  mode_t mode = 0666;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (FrontlineSafeFile, 1);
  self->fd = -1;
  self->replace = replace;
  self->display_name = g_file_get_parse_name (file);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      /* Translators: %s is a file name or address */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Could not write “%s”: only local files can be written"),
                   self->display_name);
      return NULL;
    }

  self->target = resolve_target (path, self->display_name, error);
  if (self->target == NULL)
    return NULL;

  exists = stat (self->target, &st) == 0;
  if (!exists && errno != ENOENT)
    {
      frontline_set_write_error (error, self->display_name, errno);
      return NULL;
    }
  if (exists && S_ISDIR (st.st_mode))
    {
      /* Translators: %s is a file name */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("Could not write “%s”: it is a folder"), self->display_name);
      return NULL;
    }
  if (exists && !S_ISREG (st.st_mode))
    {
      /* Translators: %s is a file name */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("Could not write “%s”: it is not a regular file"), self->display_name);
      return NULL;
    }
  if (exists && !replace)
    {
      frontline_set_exists_error (error, self->display_name);
      return NULL;
    }
  if (exists)
    mode = st.st_mode & 07777;

  self->folder = g_path_get_dirname (self->target);
  base = g_path_get_basename (self->target);
  self->temp = g_strdup_printf ("%s/.%s.XXXXXX", self->folder, base);

  /* O_CREAT | O_EXCL; the umask applies to a new file's 0666. */
  self->fd = g_mkstemp_full (self->temp, O_WRONLY | O_CLOEXEC, exists ? 0600 : 0666);
  if (self->fd < 0)
    {
      int saved_errno = errno;

      g_clear_pointer (&self->temp, g_free);
      frontline_set_write_error (error, self->display_name, saved_errno);
      return NULL;
    }

  if (exists)
    {
      /* The replacement keeps the file's permissions (and, where allowed,
       * its owner). */
      if (fchown (self->fd, st.st_uid, st.st_gid) != 0)
        { /* not ours to give away: keep ours */ }
      if (fchmod (self->fd, mode) != 0)
        {
          frontline_set_write_error (error, self->display_name, errno);
          return NULL;
        }
    }
  else
    {
      mode_t mask = umask (0);

      umask (mask);
      /* g_mkstemp_full() passes the mode to open(), so the umask applied
       * already; this only makes that explicit for file systems that ignore it. */
      if (fchmod (self->fd, 0666 & ~mask) != 0)
        { /* keep what open() gave */ }
    }

  self->buffer = g_malloc (BUFFER_SIZE);

  return g_steal_pointer (&self);
}

static gboolean
write_all (FrontlineSafeFile *self,
           const guint8      *data,
           gsize              length)
{
  while (length > 0)
    {
      gssize n = write (self->fd, data, MIN (length, (gsize) G_MAXSSIZE));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          frontline_set_write_error (&self->error, self->display_name, n < 0 ? errno : ENOSPC);
          return FALSE;
        }
      data += n;
      length -= (gsize) n;
    }

  return TRUE;
}

static gboolean
flush (FrontlineSafeFile *self)
{
  gsize n = self->buffered;

  self->buffered = 0;
  return write_all (self, self->buffer, n);
}

/**
 * frontline_safe_file_write:
 *
 * Appends @length bytes. After an error every later write and the commit fail
 * with that first error, so a callback (cairo's) may ignore the @error here.
 *
 * Returns: whether the bytes were taken
 */
gboolean
frontline_safe_file_write (FrontlineSafeFile  *self,
                           const void         *data,
                           gsize               length,
                           GError            **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (self->error == NULL && self->fd < 0)
    g_set_error (&self->error, G_IO_ERROR, G_IO_ERROR_CLOSED,
                 _("Could not write “%s”: %s"), self->display_name, g_strerror (EBADF));

  if (self->error == NULL)
    {
      if (self->buffered + length <= BUFFER_SIZE)
        {
          memcpy (self->buffer + self->buffered, data, length);
          self->buffered += length;
        }
      else if (flush (self))
        {
          if (length < BUFFER_SIZE)
            {
              memcpy (self->buffer, data, length);
              self->buffered = length;
            }
          else
            write_all (self, data, length);
        }
    }

  if (self->error != NULL)
    {
      if (error != NULL)
        *error = g_error_copy (self->error);
      return FALSE;
    }

  return TRUE;
}

/**
 * frontline_rename_noreplace:
 *
 * Renames @from to @to unless @to exists. Not every file system has
 * RENAME_NOREPLACE: link() never replaces either, and then @from goes.
 *
 * Returns: 0, or -1 with errno set (EEXIST when @to exists)
 */
int
frontline_rename_noreplace (const char *from,
                            const char *to)
{
#ifdef RENAME_NOREPLACE
  if (renameat2 (AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
    return 0;
  if (errno != EINVAL && errno != ENOSYS)
    return -1;
#endif
  if (link (from, to) != 0)
    return -1;
  g_unlink (from);
  return 0;
}

/**
 * frontline_sync_path:
 * @folder: whether @path is a folder (syncing the renames in it)
 *
 * Syncs the file or folder at @path to the disk. A file system that cannot
 * sync folders (EINVAL) counts as synced.
 *
 * Returns: whether it is on the disk, else %FALSE with errno set
 */
gboolean
frontline_sync_path (const char *path,
                     gboolean    folder)
{
  int fd = open (path, (folder ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = fsync (fd) == 0 || (folder && errno == EINVAL);
  if (close (fd) != 0)
    ok = FALSE;
  return ok;
}

/**
 * frontline_safe_file_commit:
 *
 * Flushes, syncs and closes the temporary file, renames it over the target,
 * and syncs the folder. On failure (or when @cancellable is cancelled) the
 * temporary file is removed and the target is as it was. The writer must
 * still be released with frontline_safe_file_abandon().
 *
 * Returns: whether the target now holds every byte written
 */
gboolean
frontline_safe_file_commit (FrontlineSafeFile  *self,
                            GCancellable       *cancellable,
                            GError            **error)
{
  int fd;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->committed, FALSE);

  if (self->error == NULL && self->fd >= 0)
    flush (self);

  if (self->error == NULL && g_cancellable_set_error_if_cancelled (cancellable, &self->error))
    ;
  else if (self->error == NULL && fsync (self->fd) != 0)
    frontline_set_write_error (&self->error, self->display_name, errno);

  if (self->error == NULL)
    {
      fd = self->fd;
      self->fd = -1;
      if (close (fd) != 0)
        frontline_set_write_error (&self->error, self->display_name, errno);
    }

  if (self->error == NULL &&
      (self->replace ? g_rename (self->temp, self->target)
                     : frontline_rename_noreplace (self->temp, self->target)) != 0)
    {
      if (errno == EEXIST)
        frontline_set_exists_error (&self->error, self->display_name);
      else
        frontline_set_write_error (&self->error, self->display_name, errno);
    }

  if (self->error != NULL)
    {
      remove_temp (self);
      if (error != NULL)
        *error = g_error_copy (self->error);
      return FALSE;
    }

  g_clear_pointer (&self->temp, g_free);
  self->committed = TRUE;

  /* The rename itself is durable once the folder is synced. */
  if (!frontline_sync_path (self->folder, TRUE))
    g_debug ("Could not sync the folder of “%s”: %s", self->display_name, g_strerror (errno));

  return TRUE;
}

/**
 * frontline_safe_file_get_temp_path:
 *
 * Returns: (nullable): the temporary file's path while it exists
 */
const char *
frontline_safe_file_get_temp_path (FrontlineSafeFile *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->temp;
}

/**
 * frontline_safe_file_get_target_path:
 *
 * Returns: the path written: the file itself, or the file its symlink points to
 */
const char *
frontline_safe_file_get_target_path (FrontlineSafeFile *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->target;
}

/**
 * frontline_safe_file_abandon:
 *
 * Releases the writer. Uncommitted, its temporary file is removed and the
 * target is left as it was.
 */
void
frontline_safe_file_abandon (FrontlineSafeFile *self)
{
  if (self == NULL)
    return;

  remove_temp (self);
  g_clear_error (&self->error);
  g_free (self->buffer);
  g_free (self->display_name);
  g_free (self->target);
  g_free (self->folder);
  g_free (self);
}

/**
 * frontline_safe_file_set_contents:
 *
 * Writes @data to @file through a #FrontlineSafeFile in one go.
 *
 * Returns: whether the file was written
 */
gboolean
frontline_safe_file_set_contents (GFile         *file,
                                  const void    *data,
                                  gsize          length,
                                  gboolean       replace,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  g_autoptr(FrontlineSafeFile) self = frontline_safe_file_new (file, replace, error);

  return self != NULL &&
         frontline_safe_file_write (self, data, length, error) &&
         frontline_safe_file_commit (self, cancellable, error);
}
