/*
** keyrotate.h: `sanctum key rotate`, `key status` and `key retire`.
**
** A rotation replaces the community's master key while the server goes
** on serving: it starts (the database's key epoch turns odd and keeps the
** new key wrapped with the old one, so every running process follows at
** its next transaction), seals every sealed value again in small
** transactions (resumable: running the command again goes on where it
** stopped), and ends (the audit trail is verified and MACed again with
** the new key, the key check becomes the new key's, the new key file
** takes the old one's place).  See core/keystate.h and crypto/keys.h.
*/
#ifndef SANCTUM_KEYROTATE_H
#define SANCTUM_KEYROTATE_H

struct cli;

int key_rotate_cmd(struct cli *c, int argc, char **argv);
int key_status_cmd(struct cli *c, int argc, char **argv);
int key_retire_cmd(struct cli *c, int argc, char **argv);

#endif
