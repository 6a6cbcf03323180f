/*
** log.h: the one logging function.
**
** Log lines name events and ids, never member content or secrets: a log is
** read by more people, and kept longer, than the database it describes.
*/
#ifndef SANCTUM_LOG_H
#define SANCTUM_LOG_H

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

void log_set_level(enum log_level min);
void log_msg(enum log_level level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
