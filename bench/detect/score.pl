#!/usr/bin/perl
# bench/detect/score.pl: the matchers' outputs into bench/detect's figures.
#
#   score.pl sanctum META JSON...           recall of `sanctum scan --json`
#   score.pl rg META SENTENCES RGOUT        recall of `rg -F -o` output
#   score.pl vs META VSOUT                  recall of vs's "file<TAB>id"
#   score.pl fp-sanctum JSON POSTS LABEL EXAMPLES [MAX]
#   score.pl fp-rg RGOUT LABEL EXAMPLES
#   score.pl fp-vs VSOUT PATTERNS LABEL EXAMPLES
#   score.pl bylength META DIR KIND JSON...  sanctum's recall of KIND by words
#   score.pl wrong META POSTS LABEL EXAMPLES DIR JSON...  posts reported
#                                          in samples of another post
#
# META is samples/meta.tsv from gen.c: kind, file, post id, the post's
# sentence pattern ids, words changed.  Recall commands print one line per
# sample folder: "folder found total other", where other counts reports of
# a post (sanctum) or a sentence (baselines) that is not the sample's own.
# A screenshot sample is known by two folders: shot-png (the image, read
# by sanctum's OCR) and shot-ocr (the tesseract command's text of it).
# The fp commands print "reports distinct" and append examples to EXAMPLES.
use strict;
use warnings;
use JSON::PP;

my $cmd = shift @ARGV or die "usage: see the comment at the top\n";

# The id gen.c gave a post ("p0000042") from the number sanctum reports
# for it: the benchmark imports posts.jsonl in order into a new database,
# so post N is the file's Nth line, which gen.c called pN.
sub post_key {
	my ($id) = @_;
	return $id =~ /^\d+$/ ? sprintf("p%07d", $id) : "$id";
}

# sample key ("exact/0001") of a path, or undef
sub key_of {
	my ($p) = @_;
	return $p =~ m{(?:^|/)([\w-]+)/(\d+)\.\w+$} ? "$1/$2" : undef;
}

# key -> {post, pats{}}; folder -> total
sub load_meta {
	my ($file) = @_;
	my (%by, %total);
	open my $f, '<', $file or die "$file: $!\n";
	while (<$f>) {
		chomp;
		my ($kind, $path, $post, $pats) = split /\t/;
		my ($num) = $path =~ m{/(\d+)\.\w+$} or next;
		my %p = map { $_ => 1 } grep { $_ ne '-' } split /,/, $pats;
		my @dirs = $kind eq 'shot' ? ('shot-png', 'shot-ocr') : ($kind);
		for my $d (@dirs) {
			$by{"$d/$num"} = { post => $post, pats => \%p };
			$total{$d}++;
		}
	}
	return (\%by, \%total);
}

sub print_recall {
	my ($total, $found, $other) = @_;
	for my $d (sort keys %$total) {
		printf "%s %d %d %d\n", $d, $found->{$d} // 0, $total->{$d},
		    $other->{$d} // 0;
	}
}

# the sample keys whose own thing was found, and the other reports
sub recall_sanctum {
	my ($meta, @files) = @_;
	my ($by, $total) = load_meta($meta);
	my (%hit, %found, %other);
	my $json = JSON::PP->new->utf8;
	for my $file (@files) {
		open my $f, '<', $file or die "$file: $!\n";
		while (my $line = <$f>) {
			my $o = eval { $json->decode($line) } or next;
			my $k = key_of($o->{source}) // next;
			my $s = $by->{$k} or next;
			my ($d) = split m{/}, $k;
			for my $m (@{ $o->{matches} }) {
				if (post_key($m->{post}) eq $s->{post}) {
					$hit{$k} = 1;
				} else {
					$other{$d}++;
				}
			}
		}
	}
	$found{ (split m{/}, $_)[0] }++ for keys %hit;
	print_recall($total, \%found, \%other);
}

sub recall_rg {
	my ($meta, $sentences, $out) = @_;
	my ($by, $total) = load_meta($meta);
	my (%id, %hit, %found, %other);
	open my $s, '<', $sentences or die "$sentences: $!\n";
	while (<$s>) {
		chomp;
		my ($i, $t) = split /\t/, $_, 2;
		$id{$t} = $i;
	}
	open my $f, '<', $out or die "$out: $!\n";
	while (<$f>) {
		chomp;
		my ($path, $text) = split /:/, $_, 2;
		next unless defined $text;
		my $k = key_of($path) // next;
		my $smp = $by->{$k} or next;
		my ($d) = split m{/}, $k;
		my $i = $id{$text};
		if (defined $i && $smp->{pats}{$i}) {
			$hit{$k} = 1;
		} else {
			$other{$d}++;
		}
	}
	$found{ (split m{/}, $_)[0] }++ for keys %hit;
	print_recall($total, \%found, \%other);
}

sub recall_vs {
	my ($meta, $out) = @_;
	my ($by, $total) = load_meta($meta);
	my (%hit, %found, %other);
	open my $f, '<', $out or die "$out: $!\n";
	while (<$f>) {
		chomp;
		my ($path, $i) = split /\t/;
		my $k = key_of($path) // next;
		my $smp = $by->{$k} or next;
		my ($d) = split m{/}, $k;
		if ($smp->{pats}{$i}) {
			$hit{$k} = 1;
		} else {
			$other{$d}++;
		}
	}
	$found{ (split m{/}, $_)[0] }++ for keys %hit;
	print_recall($total, \%found, \%other);
}

# the bodies of the given post ids ("p0000042") from posts.jsonl
sub post_bodies {
	my ($posts, %want) = @_;
	my %body;
	return \%body unless %want;
	my $json = JSON::PP->new->utf8;
	open my $f, '<', $posts or die "$posts: $!\n";
	while (my $line = <$f>) {
		my ($id) = $line =~ /^\{"id":"([^"]+)"/ or next;
		next unless $want{$id};
		$body{$id} = $json->decode($line)->{body};
		last if keys %body == keys %want;
	}
	return \%body;
}

# text of a file as characters (sanctum's spans count characters)
sub file_chars {
	my ($path) = @_;
	open my $f, '<:encoding(UTF-8)', $path or return '';
	local $/;
	my $t = <$f>;
	return $t // '';
}

sub oneline {
	my ($t) = @_;
	$t =~ s/\s+/ /g;
	return $t;
}

sub fp_sanctum {
	my ($file, $posts, $label, $examples, $max, $dir) = @_;
	$max //= 20;
	my $json = JSON::PP->new->utf8;
	my (@ex, %distinct);
	my $n = 0;
	open my $f, '<', $file or die "$file: $!\n";
	while (my $line = <$f>) {
		my $o = eval { $json->decode($line) } or next;
		for my $m (@{ $o->{matches} }) {
			$n++;
			$distinct{post_key($m->{post})}++;
			push @ex, [ $o->{source}, $m ] if @ex < $max;
		}
	}
	printf "%d %d\n", $n, scalar keys %distinct;
	write_examples($examples, "$label: $n reports of " .
	    scalar(keys %distinct) . " posts; the first " . scalar(@ex),
	    \@ex, $posts, $dir // '');
}

# Append reports [source, match, own post] to EXAMPLES under a header:
# each with its matched passages (spans count characters of the extracted
# text, which is the file itself for plain text) and the post's text.
sub write_examples {
	my ($examples, $header, $ex, $posts, $dir) = @_;
	return unless @$ex;
	my %want = map { (post_key($_->[1]{post}) => 1) } @$ex;
	my $bodies = post_bodies($posts, %want);
	open my $out, '>>', $examples or die "$examples: $!\n";
	binmode $out, ':encoding(UTF-8)';
	print $out "== $header\n";
	my %cache;
	for my $e (@$ex) {
		my ($src, $m, $own) = @$e;
		my $path = ($src =~ m{^/} || $dir eq '') ? $src : "$dir/$src";
		my $plain = $src =~ /\.txt$/;
		$cache{$path} //= $plain ? file_chars($path) : '';
		my $text = $cache{$path};
		printf $out "-- %s: post %s (coverage %s, %d fingerprints)%s\n",
		    $src, $m->{post}, $m->{coverage}, $m->{fingerprints},
		    defined $own ? "; the sample is of post $own" : '';
		for my $sp (@{ $m->{spans} }) {
			my ($a, $b) = @$sp;
			my $c0 = $a > 60 ? $a - 60 : 0;
			if (!$plain) {
				printf $out "   matched [%d,%d) of the extracted text\n",
				    $a, $b;
				next;
			}
			printf $out "   matched [%d,%d): ...%s[[%s]]%s...\n", $a, $b,
			    oneline(substr($text, $c0, $a - $c0)),
			    oneline(substr($text, $a, $b - $a)),
			    oneline(substr($text, $b, 60));
		}
		my $body = $bodies->{post_key($m->{post})};
		printf $out "   post %s: %s\n", $m->{post},
		    defined $body ? oneline($body) : '(not found)';
	}
	close $out;
}

# Reports of another post than the sample's own, in the samples.
sub wrong {
	my ($meta, $posts, $label, $examples, $dir, @files) = @_;
	my ($by) = load_meta($meta);
	my $json = JSON::PP->new->utf8;
	my @ex;
	for my $file (@files) {
		open my $f, '<', $file or die "$file: $!\n";
		while (my $line = <$f>) {
			my $o = eval { $json->decode($line) } or next;
			my $k = key_of($o->{source}) // next;
			my $smp = $by->{$k} or next;
			for my $m (@{ $o->{matches} }) {
				push @ex, [ $o->{source}, $m, $smp->{post} ]
				    if post_key($m->{post}) ne $smp->{post};
			}
		}
	}
	write_examples($examples, "$label: " . scalar(@ex), \@ex, $posts,
	    $dir);
}

sub fp_rg {
	my ($out, $label, $examples) = @_;
	my (%distinct, %texts);
	my $n = 0;
	open my $f, '<', $out or die "$out: $!\n";
	while (<$f>) {
		chomp;
		my ($path, $text) = split /:/, $_, 2;
		next unless defined $text && $path =~ m{/neg-\d+\.txt$};
		$n++;
		$distinct{"$path\t$text"} = 1;
		$texts{$text}++;
	}
	printf "%d %d\n", $n, scalar keys %distinct;
	append_sentence_examples($examples, "$label (ripgrep)", \%texts, $n);
}

sub fp_vs {
	my ($out, $patterns, $label, $examples) = @_;
	my (%ids, %texts);
	my $n = 0;
	open my $f, '<', $out or die "$out: $!\n";
	while (<$f>) {
		chomp;
		my ($path, $i) = split /\t/;
		next unless $path =~ m{/neg-\d+\.txt$};
		$n++;
		$ids{$i}++;
	}
	printf "%d %d\n", $n, $n;
	if (%ids) {
		open my $p, '<', $patterns or die "$patterns: $!\n";
		my $line = 0;
		while (my $t = <$p>) {
			chomp $t;
			$texts{$t} = $ids{$line} if $ids{$line};
			$line++;
		}
	}
	append_sentence_examples($examples, "$label (vectorscan)", \%texts,
	    $n);
}

sub append_sentence_examples {
	my ($examples, $label, $texts, $n) = @_;
	return unless %$texts;
	my @top = (sort { $texts->{$b} <=> $texts->{$a} || $a cmp $b }
	    keys %$texts)[0 .. 9];
	open my $out, '>>', $examples or die "$examples: $!\n";
	print $out "== $label: $n sentence matches in the unrelated text, ",
	    scalar(keys %$texts), " distinct sentences; the most frequent:\n";
	for my $t (grep { defined } @top) {
		printf $out "   %5d  %s\n", $texts->{$t}, $t;
	}
	close $out;
}

# recall of one kind of sample by its length in words: "12-15 10/59 ..."
sub by_length {
	my ($meta, $dir, $kind, @files) = @_;
	my (%post, %found, %tot, %hit);
	my $json = JSON::PP->new->utf8;
	open my $m, '<', $meta or die "$meta: $!\n";
	while (<$m>) {
		my ($k, $path, $p) = split /\t/;
		$post{$path} = $p if $k eq $kind;
	}
	for my $file (@files) {
		open my $f, '<', $file or die "$file: $!\n";
		while (my $line = <$f>) {
			my $o = eval { $json->decode($line) } or next;
			my ($path) = $o->{source} =~ m{(samples/[^/]+/[^/]+)$} or next;
			next unless defined $post{$path};
			for my $x (@{ $o->{matches} }) {
				$found{$path} = 1 if post_key($x->{post}) eq $post{$path};
			}
		}
	}
	for my $path (keys %post) {
		my $t = file_chars("$dir/$path");
		my $w = () = $t =~ /\S+/g;
		my $b = $w <= 15 ? '12-15' : $w <= 20 ? '16-20' : $w <= 30 ?
		    '21-30' : '31+';
		$tot{$b}++;
		$hit{$b}++ if $found{$path};
	}
	print join(' ', map { sprintf '%s w %d/%d', $_, $hit{$_} // 0, $tot{$_} }
	    sort keys %tot), "\n";
}

if ($cmd eq 'sanctum') {
	recall_sanctum(@ARGV);
} elsif ($cmd eq 'rg') {
	recall_rg(@ARGV);
} elsif ($cmd eq 'vs') {
	recall_vs(@ARGV);
} elsif ($cmd eq 'fp-sanctum') {
	fp_sanctum(@ARGV);
} elsif ($cmd eq 'fp-rg') {
	fp_rg(@ARGV);
} elsif ($cmd eq 'fp-vs') {
	fp_vs(@ARGV);
} elsif ($cmd eq 'wrong') {
	wrong(@ARGV);
} elsif ($cmd eq 'bylength') {
	by_length(@ARGV);
} else {
	die "score.pl: unknown command $cmd\n";
}
