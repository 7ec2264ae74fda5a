# Used by `sam build` only (template.yaml: Metadata BuildMethod makefile, ContextPath .). SAM copies the
# function's CodeUri (functions/<name>) to a scratch directory, runs `make build-<LogicalId>` there with
# ARTIFACTS_DIR set, and zips ARTIFACTS_DIR: classes at the root, dependency jars in lib/ (the Lambda Java layout).
# Why not SAM's built-in Maven builder: it runs `mvn clean install`, which runs the *IT integration tests
# (they need local/services) and offers no way to pass -DskipTests/-DskipITs.
# Like that builder, each module builds on its own against the parent and layers installed in ~/.m2
# (`local/dev build`, or `mvn -B install -DskipTests -DskipITs` at the root) - install them first.
# MVN_FLAGS can add flags, e.g. MVN_FLAGS="-B -q -o" to build offline.

MVN ?= mvn
MVN_FLAGS ?= -B -q

define lambda_java
	$(MVN) $(MVN_FLAGS) -DskipTests -DskipITs clean package dependency:copy-dependencies \
		-DincludeScope=runtime -Dmdep.prependGroupId=true -DoutputDirectory="$(ARTIFACTS_DIR)/lib"
	cp -R target/classes/. "$(ARTIFACTS_DIR)/"
endef

.PHONY: build-DomainsApiFunction build-IssueCertificateFunction build-PurgeCacheFunction \
	build-RenewCertificatesFunction

build-DomainsApiFunction:
	$(lambda_java)

build-IssueCertificateFunction:
	$(lambda_java)

build-PurgeCacheFunction:
	$(lambda_java)

build-RenewCertificatesFunction:
	$(lambda_java)
