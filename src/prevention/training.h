/*
** training.h: moderator training.
**
** The community asks its moderators and admins for trainings (by default
** trauma-informed communication, current for two years, and mental health
** first aid, for three); each completion is kept with the date it stops
** being current.  Someone without a current completion of every training
** cannot open leaked material or an incident's summary (the gateway
** refuses), and the console lists who needs renewal.
*/
#ifndef SANCTUM_TRAINING_H
#define SANCTUM_TRAINING_H

#include <stdint.h>

struct cli;
struct gate;
struct req;

#define TRAINING_RENEW_DAYS 30	/* "renew soon" this long before it lapses */

int training_defaults(struct gate *g);
int training_add(struct gate *g, const char *name, int valid_days,
    char *err);
int training_record(struct gate *g, const char *user, const char *training,
    int64_t completed_at, char *err);

int64_t training_parse_date(const char *s);

int training_add_cmd(struct cli *c, int argc, char **argv);
int training_record_cmd(struct cli *c, int argc, char **argv);
int training_status_cmd(struct cli *c, int argc, char **argv);

void training_page(struct req *r);
void training_record_post(struct req *r);

#endif
