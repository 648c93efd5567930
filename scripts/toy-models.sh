#!/usr/bin/env bash
# The toy worlds' shipped models and lessons (assets/models/toy-*, assets/lessons/*.awrsr-lesson): each world
# trained with the Train tab's toy recipe (awrsr.train.ToyRecipe: AWRSR value, n 20, d 32, 2 layers x 2 heads,
# r 16, dropout 0.1, lr 0.005, batch 64, seed 1) for 1 epoch, 5 epochs and 60 epochs, so that a lesson can show
# the attention discovering the rule. About 2 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests install
awrsr() { java -XX:+UseSerialGC -jar model/target/awrsr.jar "$@"; }
for w in shift genres copy; do
  for e in 1 5 60; do
    out="assets/models/toy-$w-e$(printf %02d "$e")"
    rm -rf "$out"
    awrsr train --data "toy-$w" --variant value --maxlen 20 --dim 32 --layers 2 --heads 2 --refine-dim 16 \
      --dropout 0.1 --lr 0.005 --batch 64 --epochs "$e" --patience 60 --seed 1 --threads 2 --out "$out" > /dev/null
    rm -f "$out/.awrsr.lock"
  done
done
java -cp app/target/classes:model/target/awrsr.jar scripts/ToyLessons.java assets/lessons
