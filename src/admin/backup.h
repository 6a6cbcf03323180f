/*
** backup.h: `sanctum backup`, `verify-backup` and `restore`: the
** community's database copied while it serves (SQLite's online backup),
** sealed with its key (crypto/backup.h), checked, and put back.
*/
#ifndef SANCTUM_ADMIN_BACKUP_H
#define SANCTUM_ADMIN_BACKUP_H

struct cli;

int backup_cmd(struct cli *c, int argc, char **argv);
int verify_backup_cmd(struct cli *c, int argc, char **argv);
int restore_cmd(struct cli *c, int argc, char **argv);

#endif
