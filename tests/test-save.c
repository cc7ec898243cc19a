/* SPDX-License-Identifier: GPL-3.0-or-later */

#define _GNU_SOURCE  /* st_mtim */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "frontline-csv-export.h"
#include "frontline-dataset-save.h"
#include "frontline-exporter.h"
#include "frontline-handout.h"
#include "frontline-safe-file.h"
#include "frontline-test-compare.h"
#include "frontline-test-init.h"

/* Every writer of Frontline goes through FrontlineSafeFile: here each one
 * meets a full disk (RLIMIT_FSIZE: a real EFBIG from the kernel; and a real
 * 64 KiB tmpfs in a user namespace), a read-only folder, a target that is a
 * folder and one that is a symlink. The file that was there keeps its bytes,
 * no temporary file stays behind, and the error names the file. */

#define OLD_CONTENTS "the user's file, which nothing may change\n"

static const char *writers[] = { "safe", "dataset", "csv", "handout", "export" };

static char *
example_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "docs", "examples", "example.geojson", NULL);
}

static FrontlineDataset *
load_path (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  FrontlineDataset *dataset = frontline_dataset_load (file, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  return dataset;
}

/* Writes with one of the writers; the error is set on failure. */
static gboolean
write_with (const char  *writer,
            const char  *target,
            gboolean     replace,
            GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (target);
  g_autofree char *example = example_path ();
  g_autoptr(FrontlineDataset) dataset = load_path (example);

  if (g_str_equal (writer, "safe"))
    {
      g_autofree char *data = g_malloc (512 * 1024);

      memset (data, 'x', 512 * 1024);
      return frontline_safe_file_set_contents (file, data, 512 * 1024, replace, NULL, error);
    }
  if (g_str_equal (writer, "dataset"))
    return frontline_dataset_save_full (dataset, file, replace, NULL, NULL, NULL, error);
  if (g_str_equal (writer, "csv"))
    return frontline_csv_export_write (dataset, file, NULL, error);
  if (g_str_equal (writer, "handout"))
    return frontline_handout_write (dataset, file, replace, NULL, error);
  if (g_str_equal (writer, "export"))
    {
      FrontlineExportOptions options;

      frontline_export_options_init (&options, dataset, 320, 200, 1.0);
      options.format = FRONTLINE_EXPORT_PNG;
      return frontline_export_to_file (&options, file, replace, NULL, error);
    }
  g_assert_not_reached ();
}

/* Names in @folder other than @keep... (NULL-terminated). */
static void
assert_folder_holds (const char *folder,
                     ...)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  const char *name;
  va_list args;
  guint n = 0;

  va_start (args, folder);
  for (const char *keep = va_arg (args, const char *); keep != NULL; keep = va_arg (args, const char *))
    g_ptr_array_add (expected, (char *) keep);
  va_end (args);

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < expected->len; i++)
        found = found || g_str_equal (name, g_ptr_array_index (expected, i));
      if (!found)
        g_error ("“%s” left in %s", name, folder);
      n++;
    }
  g_assert_cmpuint (n, ==, expected->len);
}

static void
assert_contents (const char *path,
                 const char *expected)
{
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);
}

static char *
make_folder (void)
{
  g_autoptr(GError) error = NULL;
  char *folder = g_dir_make_tmp ("frontline-save-XXXXXX", &error);

  g_assert_no_error (error);
  return folder;
}

/* The basics of the writer. */

static void
test_safe_new_and_replace (void)
{
  g_autofree char *folder = make_folder ();
  g_autofree char *path = g_build_filename (folder, "out.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  mode_t mask = umask (022);
  GStatBuf st;

  g_assert_true (frontline_safe_file_set_contents (file, "one", 3, FALSE, NULL, &error));
  g_assert_no_error (error);
  assert_contents (path, "one");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0644);

  /* Never replaced unless told to. */
  g_assert_false (frontline_safe_file_set_contents (file, "two", 3, FALSE, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);
  assert_contents (path, "one");

  /* Replaced, keeping the file's permissions. */
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  g_assert_true (frontline_safe_file_set_contents (file, "three", 5, TRUE, NULL, &error));
  g_assert_no_error (error);
  assert_contents (path, "three");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  assert_folder_holds (folder, "out.txt", NULL);

  umask (mask);
}

static void
test_safe_abandon_and_cancel (void)
{
  g_autofree char *folder = make_folder ();
  g_autofree char *path = g_build_filename (folder, "out.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  FrontlineSafeFile *writer;

  g_assert_true (g_file_set_contents (path, OLD_CONTENTS, -1, NULL));

  writer = frontline_safe_file_new (file, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (frontline_safe_file_write (writer, "partial", 7, &error));
  g_assert_true (g_file_test (frontline_safe_file_get_temp_path (writer), G_FILE_TEST_EXISTS));
  frontline_safe_file_abandon (writer);
  assert_contents (path, OLD_CONTENTS);
  assert_folder_holds (folder, "out.txt", NULL);

  writer = frontline_safe_file_new (file, TRUE, &error);
  g_assert_true (frontline_safe_file_write (writer, "partial", 7, &error));
  g_cancellable_cancel (cancellable);
  g_assert_false (frontline_safe_file_commit (writer, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  frontline_safe_file_abandon (writer);
  assert_contents (path, OLD_CONTENTS);
  assert_folder_holds (folder, "out.txt", NULL);
}

/* Faults, for each writer. */

static void
test_fault_folder (gconstpointer data)
{
  const char *writer = data;
  g_autofree char *folder = make_folder ();
  g_autofree char *target = g_build_filename (folder, "target", NULL);
  g_autofree char *inside = g_build_filename (target, "keep", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (target, 0755), ==, 0);
  g_assert_true (g_file_set_contents (inside, OLD_CONTENTS, -1, NULL));

  g_assert_false (write_with (writer, target, TRUE, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, target));
  assert_contents (inside, OLD_CONTENTS);
  assert_folder_holds (folder, "target", NULL);
  assert_folder_holds (target, "keep", NULL);
}

static void
test_fault_symlink (gconstpointer data)
{
  const char *writer = data;
  g_autofree char *folder = make_folder ();
  g_autofree char *real_folder = g_build_filename (folder, "real", NULL);
  g_autofree char *real = g_build_filename (real_folder, "file", NULL);
  g_autofree char *link = g_build_filename (folder, "link", NULL);
  g_autofree char *dangling = g_build_filename (folder, "dangling", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  GStatBuf st;

  g_assert_cmpint (g_mkdir (real_folder, 0755), ==, 0);
  g_assert_true (g_file_set_contents (real, OLD_CONTENTS, -1, NULL));
  g_assert_cmpint (symlink (real, link), ==, 0);
  g_assert_cmpint (symlink ("nowhere", dangling), ==, 0);

  /* Not replaced without being told to, link or not (the CSV writer always
   * replaces: the window's file chooser asked). */
  if (!g_str_equal (writer, "csv"))
    {
      g_assert_false (write_with (writer, link, FALSE, &error));
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, link));
      g_clear_error (&error);
      assert_contents (real, OLD_CONTENTS);
    }

  /* Written through: the link stays a link to the new contents. */
  g_assert_true (write_with (writer, link, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  g_assert_true (g_file_get_contents (real, &contents, NULL, NULL));
  g_assert_cmpstr (contents, !=, OLD_CONTENTS);
  assert_folder_holds (real_folder, "file", NULL);

  /* A link to nothing is an error, and nothing is created. */
  g_assert_false (write_with (writer, dangling, TRUE, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, dangling));
  assert_folder_holds (folder, "real", "link", "dangling", NULL);
}

/* RLIMIT_FSIZE: with SIGXFSZ ignored, writing past the limit fails with
 * EFBIG, a real write error from the kernel, as a full disk would. */
static void
test_fault_fsize (gconstpointer data)
{
  const char *writer = data;
  g_autofree char *folder = NULL;
  g_autofree char *target = NULL;
  g_autofree char *pattern = NULL;
  const char *env = g_getenv ("FRONTLINE_TEST_FOLDER");

  if (g_test_subprocess ())
    {
      struct rlimit limit = { 16, 16 };
      g_autoptr(GError) error = NULL;

      target = g_build_filename (env, "target", NULL);
      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      g_assert_false (write_with (writer, target, TRUE, &error));
      g_assert_nonnull (error);
      g_printerr ("%s\n", error->message);
      exit (0);
    }

  folder = make_folder ();
  target = g_build_filename (folder, "target", NULL);
  g_assert_true (g_file_set_contents (target, OLD_CONTENTS, -1, NULL));
  g_setenv ("FRONTLINE_TEST_FOLDER", folder, TRUE);

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT);
  g_test_trap_assert_passed ();
  pattern = g_strdup_printf ("*Could not write *%s*: File too large*", target);
  g_test_trap_assert_stderr (pattern);
  assert_contents (target, OLD_CONTENTS);
  assert_folder_holds (folder, "target", NULL);
}

/* A real full disk and a real read-only folder: a tmpfs mounted in a user
 * namespace, where this test runs itself again (see main()). */
static void
test_fault_tmpfs (gconstpointer data)
{
  g_auto(GStrv) parts = g_strsplit (data, "/", 2);  /* "full/csv" */
  g_autofree char *folder = make_folder ();
  g_autofree char *mount_point = g_build_filename (folder, "mnt", NULL);
  g_autofree char *self = g_strdup_printf ("/proc/%d/exe", getpid ());
  g_autofree char *exe = g_file_read_link (self, NULL);
  g_autofree char *script = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_file_test ("/usr/bin/unshare", G_FILE_TEST_IS_EXECUTABLE) &&
      !g_file_test ("/bin/unshare", G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("no unshare");
      return;
    }

  g_assert_cmpint (g_mkdir (mount_point, 0755), ==, 0);
  script = g_strdup_printf ("mount -t tmpfs -o size=64k none '%s' || exit 77; "
                            "printf '%%s' \"$OLD\" > '%s/target' || exit 1; "
                            "if [ %s = full ]; then cat /dev/zero > '%s/filler' 2>/dev/null; "
                            "else mount -o remount,ro '%s' || exit 77; fi; "
                            "exec '%s' -q -p /frontline/save/in-namespace",
                            mount_point, mount_point, parts[0], mount_point, mount_point, exe);
  {
    const char *argv[] = { "unshare", "-Urm", "sh", "-c", script, NULL };
    g_auto(GStrv) envp = g_get_environ ();

    envp = g_environ_setenv (envp, "FRONTLINE_TEST_NAMESPACE", mount_point, TRUE);
    envp = g_environ_setenv (envp, "FRONTLINE_TEST_WRITER", parts[1], TRUE);
    envp = g_environ_setenv (envp, "OLD", OLD_CONTENTS, TRUE);
    g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                  &status, &error);
    g_assert_no_error (error);
  }

  if (WIFEXITED (status) && (WEXITSTATUS (status) == 77 || strstr (err, "unshare:") != NULL))
    {
      g_test_skip ("user namespaces or mounts are not permitted here");
      return;
    }
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("in the namespace: %s%s", out, err);
}

/* Runs inside the namespace, over the tmpfs: the checks happen here, since
 * the mount is visible only in here. */
static void
test_in_namespace (void)
{
  const char *folder = g_getenv ("FRONTLINE_TEST_NAMESPACE");
  const char *writer = g_getenv ("FRONTLINE_TEST_WRITER");
  g_autofree char *target = NULL;
  g_autoptr(GError) error = NULL;

  if (folder == NULL || writer == NULL)
    {
      g_test_skip ("runs only in the namespace test_fault_tmpfs makes");
      return;
    }

  target = g_build_filename (folder, "target", NULL);
  g_assert_false (write_with (writer, target, TRUE, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, target));
  g_assert_true (strstr (error->message, "No space left") != NULL ||
                 strstr (error->message, "Read-only") != NULL);
  assert_contents (target, OLD_CONTENTS);
  if (g_file_test (g_build_filename (folder, "filler", NULL), G_FILE_TEST_EXISTS))
    assert_folder_holds (folder, "target", "filler", NULL);
  else
    assert_folder_holds (folder, "target", NULL);
}

/* Fidelity. */

static char *
save_to_temp (FrontlineDataset *dataset,
              const char       *folder,
              const char       *name)
{
  char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (frontline_dataset_save_full (dataset, file, TRUE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return path;
}

/* Load, save (generated, then byte copy), load: the same data. */
static void
round_trip (const char *path)
{
  g_autofree char *folder = make_folder ();
  g_autoptr(FrontlineDataset) first = load_path (path);
  g_autofree char *generated = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *original = NULL;
  g_autofree char *copy = NULL;
  gsize original_length, copy_length;

  /* Without a source: the document is generated from the model. */
  g_autofree char *loaded_path = g_steal_pointer (&first->source.path);

  generated = save_to_temp (first, folder, "generated.geojson");
  {
    g_autoptr(FrontlineDataset) second = load_path (generated);

    frontline_test_assert_datasets_equal (first, second);
  }

  /* From the unchanged file: the same bytes (with what the loader recorded
   * when it records it, else with the test's scanner). */
  if (loaded_path != NULL)
    first->source.path = g_steal_pointer (&loaded_path);
  else
    frontline_test_fill_source (first, path);
  copied = save_to_temp (first, folder, "copied.geojson");
  g_assert_true (g_file_get_contents (path, &original, &original_length, NULL));
  g_assert_true (g_file_get_contents (copied, &copy, &copy_length, NULL));
  g_assert_cmpmem (original, original_length, copy, copy_length);
}

static void
test_round_trip_fixtures (void)
{
  const char *folders[] = { "data/datasets", "docs/examples" };

  for (guint f = 0; f < G_N_ELEMENTS (folders); f++)
    {
      g_autofree char *folder = g_test_build_filename (G_TEST_DIST, "..", folders[f], NULL);
      g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
      const char *name;

      g_assert_nonnull (dir);
      while ((name = g_dir_read_name (dir)) != NULL)
        if (g_str_has_suffix (name, ".geojson"))
          {
            g_autofree char *path = g_build_filename (folder, name, NULL);

            g_test_message ("round trip of %s", path);
            round_trip (path);
          }
    }
}

#define HOSTILE_HEAD \
  "{\"type\":\"FeatureCollection\",\"name\":\"a\\u0000b\",\"name\":\"dup\"," \
  "\"frontline\":{\"version\":1,\"title\":\"Hostile\",\"big\":123456789012345678901234567890," \
  "\"factions\":[{\"id\":\"a\",\"name\":\"A\",\"color\":\"#112233\"}]%s}," \
  "\"features\":[" \
  "{\"type\":\"Feature\",\"id\":98765432109876543210987," \
  "\"properties\":{\"date\":\"2024-01-01\",\"faction\":\"a\",\"status\":\"controlled\"," \
  "\"huge\":1e400,\"tiny\":-1e309,\"pi\":3.141592653589793,\"third\":0.1," \
  "\"text\":\"tab\\there \\\"quoted\\\" \\\\ é \\u2028\"}," \
  "\"geometry\":{\"type\":\"MultiPolygon\",\"bbox\":[30,50,31,51],\"crs\":{\"type\":\"name\"}," \
  "\"coordinates\":[[[[30,50,100],[31,50,101],[31,51,102],[30.1,51.000000000000007,103],[30,50,100]]]]}}" \
  "]}\n"

static void
test_round_trip_hostile (void)
{
  g_autofree char *folder = make_folder ();
  g_autofree char *path = g_build_filename (folder, "hostile.geojson", NULL);
  g_autofree char *text = g_strdup_printf (HOSTILE_HEAD, "");
  g_autofree char *with_stops = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  round_trip (path);

  with_stops = g_strdup_printf (HOSTILE_HEAD, ",\"stops\":[ {\"title\":\"One\",\"date\":\"2024-01-01\","
                                "\"zoom_hint\":1e400} ]");
  g_assert_true (g_file_set_contents (path, with_stops, -1, NULL));
  round_trip (path);
}

/* Editing the stops rewrites only the stops: every other byte stays. */
static void
test_byte_copy_edits (void)
{
  const char *cases[] = {
    /* stops replaced */
    "{\"type\":\"FeatureCollection\",\"frontline\":{\"x\":1e400,\"stops\":[{\"date\":\"2024-01-01\"}]},%s}",
    /* stops inserted into "frontline" */
    "{\"type\":\"FeatureCollection\",\"frontline\":{\"x\":1e400},%s}",
    /* "frontline" inserted */
    "{\"type\":\"FeatureCollection\",%s}",
  };
  const char *features =
    "\"features\":[{\"type\":\"Feature\",\"id\":123456789012345678901234567890,"
    "\"properties\":{\"date\":\"2024-01-01\",\"faction\":\"a\",\"status\":\"controlled\"},"
    "\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[[[[30,50,7],[31,50,7],[31,51,7],[30,50,7]]]]}}]";

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *folder = make_folder ();
      g_autofree char *path = g_build_filename (folder, "in.geojson", NULL);
      g_auto(GStrv) halves = g_strsplit (cases[c], "%s", 2);
      g_autofree char *text = g_strjoinv (features, halves);
      g_autoptr(FrontlineDataset) first = NULL;
      g_autoptr(FrontlineStop) stop = frontline_stop_new ("New", frontline_day_from_dmy (1, 1, 2024),
                                                         30.5, 50.5, 7.0);
      g_autofree char *saved = NULL;
      g_autofree char *contents = NULL;

      g_assert_true (g_file_set_contents (path, text, -1, NULL));
      first = load_path (path);
      frontline_test_fill_source (first, path);
      frontline_dataset_add_stop (first, stop);

      /* The same name (a dataset without a title is called by it), elsewhere. */
      {
        g_autofree char *sub = g_build_filename (folder, "saved", NULL);

        g_assert_cmpint (g_mkdir (sub, 0755), ==, 0);
        saved = save_to_temp (first, sub, "in.geojson");
      }
      g_assert_true (g_file_get_contents (saved, &contents, NULL, NULL));
      /* What the user did not change is there as written. */
      g_assert_nonnull (strstr (contents, features));
      g_assert_nonnull (strstr (contents, "\"title\":\"New\""));
      if (c < 2)
        g_assert_nonnull (strstr (contents, "\"x\":1e400"));

      {
        g_autoptr(FrontlineDataset) second = load_path (saved);

        frontline_test_assert_datasets_equal (first, second);
      }

      /* Saved again, over the file just written, after another edit and
       * after removing every stop: still a copy of the bytes. */
      for (guint round = 0; round < 3; round++)
        {
          g_autoptr(GFile) file = g_file_new_for_path (saved);
          g_autoptr(GError) error = NULL;
          g_autofree char *again = NULL;

          if (round == 0)
            {
              g_autoptr(FrontlineStop) other = frontline_stop_new ("Other title, longer than the first",
                                                                  frontline_day_from_dmy (1, 1, 2024),
                                                                  30.25, 50.25, 8.0);

              frontline_dataset_add_stop (first, other);
            }
          else if (round == 1)
            while (g_list_model_get_n_items (G_LIST_MODEL (first->stops)) > 0)
              frontline_dataset_remove_stop (first, 0);

          g_assert_true (frontline_dataset_save_full (first, file, TRUE, NULL, NULL, NULL, &error));
          g_assert_no_error (error);
          g_assert_true (g_file_get_contents (saved, &again, NULL, NULL));
          g_assert_nonnull (strstr (again, features));
          if (c < 2)
            g_assert_nonnull (strstr (again, "\"x\":1e400"));
          g_assert_true ((strstr (again, "Other title") != NULL) == (round == 0));
          {
            g_autoptr(FrontlineDataset) reloaded = load_path (saved);

            frontline_test_assert_datasets_equal (first, reloaded);
          }
        }
    }
}

/* The generated path: its own JSON writer. */
static void
test_json_writer (void)
{
  const double values[] = { 0.1, 1.0 / 3.0, 5e-324, 1.7976931348623157e308, -0.0, 30.1, 51.000000000000007,
                            1e21, 123456789.123456789, 35.123456, -0.000001, 999999999.5, -47.25,
                            0.30000000000000004, 1e-7, 2.5e-10 };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);
      double back;

      frontline_json_append_double (out, values[i]);
      back = g_ascii_strtod (out->str, NULL);
      g_assert_cmpmem (&back, sizeof back, &values[i], sizeof values[i]);
      g_assert_cmpuint (out->len, <=, 24);
    }

  {
    g_autoptr(GString) out = g_string_new (NULL);

    frontline_json_append_double (out, 30.1);
    g_string_append_c (out, ',');
    frontline_json_append_double (out, -47.25);
    g_string_append_c (out, ',');
    frontline_json_append_double (out, 12.0);
    g_assert_cmpstr (out->str, ==, "30.1,-47.25,12");
  }

  {
    g_autoptr(GString) out = g_string_new (NULL);

    frontline_json_append_double (out, INFINITY);
    g_string_append_c (out, ',');
    frontline_json_append_double (out, -INFINITY);
    g_assert_cmpstr (out->str, ==, "1e999,-1e999");
  }

  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GString) out = g_string_new (NULL);
    const char *text = "{\"s\":\"a\\\"b\\\\c\\n\\u0001\\u001f/é\",\"i\":-9223372036854775807,"
                       "\"b\":true,\"n\":null,\"a\":[1,2.5,[]],\"o\":{}}";

    g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
    frontline_json_append_node (out, json_parser_get_root (parser));
    g_assert_cmpstr (out->str, ==, "{\"s\":\"a\\\"b\\\\c\\n\\u0001\\u001f/é\",\"i\":-9223372036854775807,"
                                   "\"b\":true,\"n\":null,\"a\":[1,2.5,[]],\"o\":{}}");
  }
}

/* An area read as a one-polygon MultiPolygon is written as one. */
static void
test_generated_multipolygon (void)
{
  g_autofree char *folder = make_folder ();
  g_autofree char *path = g_build_filename (folder, "in.geojson", NULL);
  g_autoptr(FrontlineDataset) dataset = NULL;
  g_autoptr(FrontlineArea) area = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (path,
    "{\"type\":\"FeatureCollection\",\"frontline\":{\"factions\":[{\"id\":\"a\",\"name\":\"A\",\"color\":\"#112233\"}]},"
    "\"features\":[{\"type\":\"Feature\",\"properties\":{\"date\":\"2024-01-01\",\"faction\":\"a\",\"status\":\"controlled\"},"
    "\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[[[[30,50],[31,50],[31,51],[30,50]]]]}}]}", -1, NULL));
  dataset = load_path (path);
  area = g_list_model_get_item (G_LIST_MODEL (dataset->areas), 0);
  area->multi = TRUE;  /* as the loader records it */
  saved = save_to_temp (dataset, folder, "out.geojson");
  g_assert_true (g_file_get_contents (saved, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"type\":\"MultiPolygon\",\"coordinates\":[[[[30,50],"));
}

/* A file changed on disk since it was read is not copied: the document is
 * generated instead, from what was loaded. */
static void
test_source_changed (void)
{
  g_autofree char *folder = make_folder ();
  g_autofree char *example = example_path ();
  g_autofree char *path = g_build_filename (folder, "in.geojson", NULL);
  g_autofree char *text = NULL;
  g_autoptr(FrontlineDataset) first = NULL;
  g_autofree char *saved = NULL;

  g_assert_true (g_file_get_contents (example, &text, NULL, NULL));
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  first = load_path (path);
  frontline_test_fill_source (first, path);
  g_assert_true (g_file_set_contents (path, "{\"type\":\"FeatureCollection\",\"features\":[]}", -1, NULL));

  saved = save_to_temp (first, folder, "out.geojson");
  {
    g_autoptr(FrontlineDataset) second = load_path (saved);

    frontline_test_assert_datasets_equal (first, second);
  }
}

/* Issue 14: the generated save writes each quote's date_precision back,
 * and a quote without one stays without (unknown is not "day"). */
static void
test_generated_quote_precision (void)
{
  g_autofree char *folder = make_folder ();
  g_autofree char *kursk = g_test_build_filename (G_TEST_DIST, "..", "data", "datasets",
                                                  "kursk-2024-2025.geojson", NULL);
  g_autofree char *path = g_build_filename (folder, "in.geojson", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GString) edited = NULL;
  g_autoptr(FrontlineDataset) first = NULL;
  g_autoptr(FrontlineDataset) second = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *saved_text = NULL;
  GListModel *quotes1, *quotes2;
  guint n_day = 0;

  g_assert_true (g_file_get_contents (kursk, &text, NULL, NULL));
  /* One quote loses its precision, to check absence survives too. */
  edited = g_string_new (text);
  g_assert_cmpuint (g_string_replace (edited, "\"source\": \"000\",\n      \"date_precision\": \"approximate\"",
                                      "\"source\": \"000\"", 1), ==, 1);
  /* And one is said on a stated day, so all three kinds go through. */
  g_assert_cmpuint (g_string_replace (edited, "\"source\": \"003\",\n      \"date_precision\": \"approximate\"",
                                      "\"source\": \"003\",\n      \"date_precision\": \"day\"", 1), ==, 1);
  g_assert_true (g_file_set_contents (path, edited->str, -1, NULL));
  first = load_path (path);
  frontline_test_fill_source (first, path);
  /* Changed on disk: the save generates the document from what was loaded. */
  g_assert_true (g_file_set_contents (path, "{\"type\":\"FeatureCollection\",\"features\":[]}", -1, NULL));

  saved = save_to_temp (first, folder, "out.geojson");
  g_assert_true (g_file_get_contents (saved, &saved_text, NULL, NULL));
  g_assert_nonnull (strstr (saved_text, "\"date_precision\""));
  second = load_path (saved);
  quotes1 = frontline_dataset_get_quotes (first);
  quotes2 = frontline_dataset_get_quotes (second);
  g_assert_cmpuint (g_list_model_get_n_items (quotes1), ==, g_list_model_get_n_items (quotes2));
  for (guint i = 0; i < g_list_model_get_n_items (quotes1); i++)
    {
      g_autoptr(FrontlineQuote) a = g_list_model_get_item (quotes1, i);
      g_autoptr(FrontlineQuote) b = g_list_model_get_item (quotes2, i);

      g_assert_cmpstr (frontline_quote_get_date_precision (a), ==, frontline_quote_get_date_precision (b));
      n_day += frontline_quote_is_exact_day (b) ? 1 : 0;
    }
  {
    g_autoptr(FrontlineQuote) q000_01 = g_list_model_get_item (quotes2, 0);

    g_assert_cmpstr (frontline_quote_get_id (q000_01), ==, "q000-01");
    g_assert_null (frontline_quote_get_date_precision (q000_01));
  }
  g_assert_cmpuint (n_day, ==, 1);
}

typedef struct {
  GMainLoop *loop;
  gboolean   ok;
  GError    *error;
  guint      n_progress;
} AsyncState;

static void
on_progress (double   fraction,
             gpointer user_data)
{
  AsyncState *state = user_data;

  g_assert_cmpfloat (fraction, >=, 0.0);
  g_assert_cmpfloat (fraction, <=, 1.0);
  state->n_progress++;
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  AsyncState *state = user_data;

  state->ok = frontline_dataset_save_finish (FRONTLINE_DATASET (source), result, &state->error);
  g_main_loop_quit (state->loop);
}

static void
test_save_async (void)
{
  g_autofree char *folder = make_folder ();
  g_autofree char *example = example_path ();
  g_autofree char *path = g_build_filename (folder, "out.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(FrontlineDataset) dataset = load_path (example);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncState state = { g_main_loop_new (NULL, FALSE), FALSE, NULL, 0 };

  frontline_dataset_save_async (dataset, file, FALSE, NULL, on_progress, &state, NULL, on_saved, &state);
  g_main_loop_run (state.loop);
  g_assert_no_error (state.error);
  g_assert_true (state.ok);
  g_assert_cmpuint (state.n_progress, >=, 1);

  /* Cancelled: the file stays as it was. */
  g_assert_true (g_file_set_contents (path, OLD_CONTENTS, -1, NULL));
  g_cancellable_cancel (cancellable);
  frontline_dataset_save_async (dataset, file, TRUE, cancellable, NULL, NULL, NULL, on_saved, &state);
  g_main_loop_run (state.loop);
  g_assert_false (state.ok);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&state.error);
  assert_contents (path, OLD_CONTENTS);
  assert_folder_holds (folder, "out.geojson", NULL);

  g_main_loop_unref (state.loop);
}

int
main (int   argc,
      char *argv[])
{
  frontline_test_init (&argc, &argv, NULL);

  g_test_add_func ("/frontline/save/safe/new-and-replace", test_safe_new_and_replace);
  g_test_add_func ("/frontline/save/safe/abandon-and-cancel", test_safe_abandon_and_cancel);
  g_test_add_func ("/frontline/save/in-namespace", test_in_namespace);

  for (guint i = 0; i < G_N_ELEMENTS (writers); i++)
    {
      const char *faults[] = { "folder", "symlink", "fsize" };
      GTestDataFunc funcs[] = { test_fault_folder, test_fault_symlink, test_fault_fsize };

      for (guint f = 0; f < G_N_ELEMENTS (faults); f++)
        {
          g_autofree char *name = g_strdup_printf ("/frontline/save/fault/%s/%s", faults[f], writers[i]);

          g_test_add_data_func (name, writers[i], funcs[f]);
        }
      for (guint f = 0; f < 2; f++)
        {
          const char *kind = f == 0 ? "full" : "readonly";
          g_autofree char *name = g_strdup_printf ("/frontline/save/fault/tmpfs-%s/%s", kind, writers[i]);

          g_test_add_data_func_full (name, g_strdup_printf ("%s/%s", kind, writers[i]),
                                     test_fault_tmpfs, g_free);
        }
    }

  g_test_add_func ("/frontline/save/json-writer", test_json_writer);
  g_test_add_func ("/frontline/save/round-trip/fixtures", test_round_trip_fixtures);
  g_test_add_func ("/frontline/save/round-trip/hostile", test_round_trip_hostile);
  g_test_add_func ("/frontline/save/byte-copy/edits", test_byte_copy_edits);
  g_test_add_func ("/frontline/save/generated/multipolygon", test_generated_multipolygon);
  g_test_add_func ("/frontline/save/source-changed", test_source_changed);
  g_test_add_func ("/frontline/save/generated/quote-precision", test_generated_quote_precision);
  g_test_add_func ("/frontline/save/async", test_save_async);

  return g_test_run ();
}
