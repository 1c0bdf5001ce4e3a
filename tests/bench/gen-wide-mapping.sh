#!/bin/sh
# gen-wide-mapping.sh - a PowerCenter export with one wide mapping, to show
# that no walk over ports or edges is quadratic (issue "Speed and memory").
#
#   tests/bench/gen-wide-mapping.sh [PORTS] > wide.XML     (default 2000)
#
# Source SRC (PORTS columns) -> Source Qualifier SQ_SRC -> Expression
# EXP_WIDE (each port an INPUT/OUTPUT port, and one output port C<i>_X =
# C<i> || 'x' per column) -> Filter FIL_WIDE -> target TGT (2 x PORTS
# columns); one CONNECTOR per port on every link: about 7 x PORTS connectors.
# The shape follows the export format of the PowerCenter Repository Guide
# ("Exporting and Importing Objects"); the same file is produced every time.
set -eu
n=${1:-2000}
awk -v n="$n" 'BEGIN {
	print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	print "<POWERMART CREATION_DATE=\"01/01/2026 00:00:00\" REPOSITORY_VERSION=\"186.95\">"
	print "<REPOSITORY NAME=\"REP\" VERSION=\"186\" CODEPAGE=\"UTF-8\" DATABASETYPE=\"Oracle\">"
	print "<FOLDER NAME=\"WIDE\" OWNER=\"bench\" SHARED=\"NOTSHARED\">"
	print "<SOURCE NAME=\"SRC\" DATABASETYPE=\"Oracle\" DBDNAME=\"ORA\" OWNERNAME=\"APP\">"
	for (i = 1; i <= n; i++)
		printf "<SOURCEFIELD NAME=\"C%d\" DATATYPE=\"varchar2\" PRECISION=\"20\" SCALE=\"0\" NULLABLE=\"NULL\" FIELDNUMBER=\"%d\"/>\n", i, i
	print "</SOURCE>"
	print "<TARGET NAME=\"TGT\" DATABASETYPE=\"Oracle\">"
	for (i = 1; i <= n; i++) {
		printf "<TARGETFIELD NAME=\"C%d\" DATATYPE=\"varchar2\" PRECISION=\"20\" SCALE=\"0\" NULLABLE=\"NULL\"/>\n", i
		printf "<TARGETFIELD NAME=\"C%d_X\" DATATYPE=\"varchar2\" PRECISION=\"21\" SCALE=\"0\" NULLABLE=\"NULL\"/>\n", i
	}
	print "</TARGET>"
	print "<MAPPING NAME=\"m_wide\" ISVALID=\"YES\">"
	print "<TRANSFORMATION NAME=\"SQ_SRC\" TYPE=\"Source Qualifier\" REUSABLE=\"NO\">"
	for (i = 1; i <= n; i++)
		printf "<TRANSFORMFIELD NAME=\"C%d\" DATATYPE=\"string\" PORTTYPE=\"INPUT/OUTPUT\" PRECISION=\"20\" SCALE=\"0\"/>\n", i
	print "</TRANSFORMATION>"
	print "<TRANSFORMATION NAME=\"EXP_WIDE\" TYPE=\"Expression\" REUSABLE=\"NO\">"
	for (i = 1; i <= n; i++) {
		printf "<TRANSFORMFIELD NAME=\"C%d\" DATATYPE=\"string\" PORTTYPE=\"INPUT/OUTPUT\" PRECISION=\"20\" SCALE=\"0\" EXPRESSION=\"C%d\"/>\n", i, i
		printf "<TRANSFORMFIELD NAME=\"C%d_X\" DATATYPE=\"string\" PORTTYPE=\"OUTPUT\" PRECISION=\"21\" SCALE=\"0\" EXPRESSION=\"C%d || &apos;x&apos;\"/>\n", i, i
	}
	print "</TRANSFORMATION>"
	print "<TRANSFORMATION NAME=\"FIL_WIDE\" TYPE=\"Filter\" REUSABLE=\"NO\">"
	for (i = 1; i <= n; i++) {
		printf "<TRANSFORMFIELD NAME=\"C%d\" DATATYPE=\"string\" PORTTYPE=\"INPUT/OUTPUT\" PRECISION=\"20\" SCALE=\"0\"/>\n", i
		printf "<TRANSFORMFIELD NAME=\"C%d_X\" DATATYPE=\"string\" PORTTYPE=\"INPUT/OUTPUT\" PRECISION=\"21\" SCALE=\"0\"/>\n", i
	}
	print "<TABLEATTRIBUTE NAME=\"Filter Condition\" VALUE=\"NOT ISNULL(C1)\"/>"
	print "</TRANSFORMATION>"
	print "<INSTANCE NAME=\"SRC\" TRANSFORMATION_NAME=\"SRC\" TRANSFORMATION_TYPE=\"Source Definition\" TYPE=\"SOURCE\" DBDNAME=\"ORA\"/>"
	print "<INSTANCE NAME=\"SQ_SRC\" TRANSFORMATION_NAME=\"SQ_SRC\" TRANSFORMATION_TYPE=\"Source Qualifier\" TYPE=\"TRANSFORMATION\" REUSABLE=\"NO\"><ASSOCIATED_SOURCE_INSTANCE NAME=\"SRC\"/></INSTANCE>"
	print "<INSTANCE NAME=\"EXP_WIDE\" TRANSFORMATION_NAME=\"EXP_WIDE\" TRANSFORMATION_TYPE=\"Expression\" TYPE=\"TRANSFORMATION\" REUSABLE=\"NO\"/>"
	print "<INSTANCE NAME=\"FIL_WIDE\" TRANSFORMATION_NAME=\"FIL_WIDE\" TRANSFORMATION_TYPE=\"Filter\" TYPE=\"TRANSFORMATION\" REUSABLE=\"NO\"/>"
	print "<INSTANCE NAME=\"TGT\" TRANSFORMATION_NAME=\"TGT\" TRANSFORMATION_TYPE=\"Target Definition\" TYPE=\"TARGET\"/>"
	for (i = 1; i <= n; i++) {
		printf "<CONNECTOR FROMFIELD=\"C%d\" FROMINSTANCE=\"SRC\" FROMINSTANCETYPE=\"Source Definition\" TOFIELD=\"C%d\" TOINSTANCE=\"SQ_SRC\" TOINSTANCETYPE=\"Source Qualifier\"/>\n", i, i
		printf "<CONNECTOR FROMFIELD=\"C%d\" FROMINSTANCE=\"SQ_SRC\" FROMINSTANCETYPE=\"Source Qualifier\" TOFIELD=\"C%d\" TOINSTANCE=\"EXP_WIDE\" TOINSTANCETYPE=\"Expression\"/>\n", i, i
		printf "<CONNECTOR FROMFIELD=\"C%d\" FROMINSTANCE=\"EXP_WIDE\" FROMINSTANCETYPE=\"Expression\" TOFIELD=\"C%d\" TOINSTANCE=\"FIL_WIDE\" TOINSTANCETYPE=\"Filter\"/>\n", i, i
		printf "<CONNECTOR FROMFIELD=\"C%d_X\" FROMINSTANCE=\"EXP_WIDE\" FROMINSTANCETYPE=\"Expression\" TOFIELD=\"C%d_X\" TOINSTANCE=\"FIL_WIDE\" TOINSTANCETYPE=\"Filter\"/>\n", i, i
		printf "<CONNECTOR FROMFIELD=\"C%d\" FROMINSTANCE=\"FIL_WIDE\" FROMINSTANCETYPE=\"Filter\" TOFIELD=\"C%d\" TOINSTANCE=\"TGT\" TOINSTANCETYPE=\"Target Definition\"/>\n", i, i
		printf "<CONNECTOR FROMFIELD=\"C%d_X\" FROMINSTANCE=\"FIL_WIDE\" FROMINSTANCETYPE=\"Filter\" TOFIELD=\"C%d_X\" TOINSTANCE=\"TGT\" TOINSTANCETYPE=\"Target Definition\"/>\n", i, i
	}
	print "<TARGETLOADORDER ORDER=\"1\" TARGETINSTANCE=\"TGT\"/>"
	print "</MAPPING>"
	print "</FOLDER>"
	print "</REPOSITORY>"
	print "</POWERMART>"
}'
