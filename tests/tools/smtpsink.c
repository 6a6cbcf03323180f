/*
** smtpsink: a mail server for the tests, on loopback.  It answers the
** few SMTP commands a client sends to deliver one message, and writes
** each message it receives (envelope and data) to DIR/N.eml.  It serves
** connections one at a time until killed.
**
**   smtpsink PORT DIR
*/
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

static void
say(int fd, const char *s)
{
	size_t n = strlen(s);

	if (write(fd, s, n) != (ssize_t)n)
		return;
}

/* Read one line (to "\n") into line; returns its length, or -1. */
static int
get_line(int fd, char *line, size_t cap)
{
	size_t n = 0;
	char c;

	while (n + 1 < cap) {
		if (read(fd, &c, 1) != 1)
			return -1;
		line[n++] = c;
		if (c == '\n')
			break;
	}
	line[n] = '\0';
	return (int)n;
}

static void
serve(int fd, const char *dir, int *count)
{
	char line[4096], path[1024];
	FILE *out = NULL;

	say(fd, "220 smtpsink ready\r\n");
	while (get_line(fd, line, sizeof(line)) > 0) {
		if (strncasecmp(line, "EHLO", 4) == 0 ||
		    strncasecmp(line, "HELO", 4) == 0) {
			say(fd, "250 smtpsink\r\n");
		} else if (strncasecmp(line, "MAIL FROM:", 10) == 0) {
			snprintf(path, sizeof(path), "%s/%d.eml", dir, ++*count);
			out = fopen(path, "w");
			if (out)
				fputs(line, out);
			say(fd, "250 ok\r\n");
		} else if (strncasecmp(line, "RCPT TO:", 8) == 0) {
			if (out)
				fputs(line, out);
			say(fd, "250 ok\r\n");
		} else if (strncasecmp(line, "DATA", 4) == 0) {
			say(fd, "354 go on\r\n");
			while (get_line(fd, line, sizeof(line)) > 0 &&
			    strcmp(line, ".\r\n") != 0)
				if (out)
					fputs(line, out);
			if (out) {
				fclose(out);
				out = NULL;
			}
			say(fd, "250 kept\r\n");
		} else if (strncasecmp(line, "QUIT", 4) == 0) {
			say(fd, "221 bye\r\n");
			break;
		} else {
			say(fd, "250 ok\r\n");
		}
	}
	if (out)
		fclose(out);
}

int
main(int argc, char **argv)
{
	struct sockaddr_in a;
	int s, fd, one = 1, count = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: smtpsink PORT DIR\n");
		return 2;
	}
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons((unsigned short)atoi(argv[1]));
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((s = socket(AF_INET, SOCK_STREAM, 0)) < 0 ||
	    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
	    bind(s, (struct sockaddr *)&a, sizeof(a)) != 0 || listen(s, 4) != 0) {
		perror("smtpsink");
		return 1;
	}
	printf("listening\n");
	fflush(stdout);
	while ((fd = accept(s, NULL, NULL)) >= 0) {
		serve(fd, argv[2], &count);
		close(fd);
	}
	return 0;
}
