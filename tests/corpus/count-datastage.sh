#!/bin/sh
# count-datastage.sh FILE - jobs, stages and links of a DataStage export,
# counted from the text without akko-migrate, to check the frontend:
#   jobs    records of OLEType CJobDefn (.dsx) / Type JobDefn (XML) whose
#           JobType is not 2 (sequences are counted as activities only)
#   stages  records of a DSJOB / <Job> that have a StageType property
#   links   output pins (OLEType ending in Output) that name a Partner
# A .dsx is read with awk, line by line, skipping multi-line values;
# DSExport XML with xmllint XPath.  Prints "jobs stages links".
f=$1
case "$(head -c 200 "$f" | tr -d '\r' | head -n 3)" in
*DSExport*)
	j=$(xmllint --nonet --xpath "count(/DSExport/Job/Record[@Type='JobDefn'][not(Property[@Name='JobType'] = '2')])" "$f")
	s=$(xmllint --nonet --xpath "count(/DSExport/Job/Record[Property[@Name='StageType']])" "$f")
	l=$(xmllint --nonet --xpath "count(/DSExport/Job/Record[substring(@Type, string-length(@Type) - 5) = 'Output'][Property[@Name='Partner']])" "$f")
	echo "$j $s $l"
	;;
*)
	tr -d '\r' <"$f" | awk '
	function flush() {
		if (inrec && injob) {
			if (ole == "CJobDefn" && jobtype != "2") jobs++
			if (st) stages++
			if (ole ~ /Output$/ && partner) links++
		}
		inrec = 0; ole = ""; st = 0; partner = 0; jobtype = ""
	}
	ml { if ($0 == "=+=+=+=") ml = 0; next }
	/ =\+=\+=\+=$/ { ml = 1; next }
	/^BEGIN DSJOB$/ { injob = 1; next }
	/^END DSJOB$/ { injob = 0; next }
	/^   BEGIN DSRECORD$/ { inrec = 1; sub_ = 0; next }
	/^   END DSRECORD$/ { flush(); next }
	/^      BEGIN DSSUBRECORD$/ { sub_++; next }
	/^      OLEType "/ { split($0, a, "\""); ole = a[2] }
	/^      StageType "/ { st = 1 }
	/^      JobType "/ { split($0, a, "\""); jobtype = a[2] }
	/^      Partner "/ { partner = 1 }
	END { printf "%d %d %d\n", jobs, stages, links }'
	;;
esac
