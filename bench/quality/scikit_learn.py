"""The same tables through scikit-learn's own defaults, to compare with Modelway's quality run.

Each table is read with every cell kept as text except empty ones (so birdstrikes' damage class "None" stays a
class, as Modelway reads it), split 80/20 (stratified for classifiers) with a fixed seed, and fitted with a
standard pipeline: numbers imputed with the median plus a missing indicator and scaled, everything else imputed
as "(missing)" and one-hot encoded over its 32 most frequent values, columns of near-unique text dropped.
Per table its trivial baseline on the same split (the most frequent class, the mean), scikit-learn's MLP (the
same kind of model as Modelway's) and its histogram gradient boosting, both with their default settings. Usage: python3 scikit_learn.py SAMPLES_DIR
"""
import sys
import time

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.dummy import DummyClassifier, DummyRegressor
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from sklearn.impute import SimpleImputer
from sklearn.metrics import accuracy_score, f1_score, mean_squared_error
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

TABLES = [("penguins.csv", "Species", "accuracy"), ("birdstrikes.csv.gz", "Effect Amount of damage", "macroF1"),
          ("gapminder.csv", "life_expect", "rmse"), ("flights-200k.csv.gz", "delay", "rmse")]


def columns(frame, label):
    numeric, categorical = [], []
    for name in frame.columns:
        if name == label:
            continue
        values = frame[name].dropna()
        as_numbers = pd.to_numeric(values, errors="coerce")
        if len(values) and as_numbers.notna().all():
            numeric.append(name)
        elif values.nunique() <= 1000 and values.nunique() * 3 <= len(values):
            categorical.append(name)
    return numeric, categorical


def model(kind, classifier):
    if kind == "baseline":
        return DummyClassifier(strategy="most_frequent") if classifier else DummyRegressor(strategy="mean")
    if kind == "mlp":
        return MLPClassifier(random_state=42, early_stopping=True) if classifier else \
            MLPRegressor(random_state=42, early_stopping=True)
    return HistGradientBoostingClassifier(random_state=42) if classifier else HistGradientBoostingRegressor(random_state=42)


def main(samples):
    print("\n%-13s %-8s %12s %12s %12s %10s" % ("table", "metric", "its baseline", "sklearn MLP", "sklearn HGB",
                                                 "seconds"))
    for file, label, metric in TABLES:
        frame = pd.read_csv(f"{samples}/{file}", dtype=str, keep_default_na=False, na_values=[""])
        frame = frame[frame[label].notna()]
        classifier = metric != "rmse"
        numeric, categorical = columns(frame, label)
        for name in numeric:
            frame[name] = pd.to_numeric(frame[name])
        y = frame[label] if classifier else pd.to_numeric(frame[label])
        counts = y.value_counts() if classifier else None
        stratify = y.where(y.map(counts) >= 2, counts.idxmax()) if classifier else None
        x_train, x_test, y_train, y_test = train_test_split(frame[numeric + categorical], y, test_size=0.2,
                                                            random_state=42, stratify=stratify)
        prepare = ColumnTransformer([
            ("numbers", make_pipeline(SimpleImputer(strategy="median", add_indicator=True), StandardScaler()), numeric),
            ("categories", make_pipeline(SimpleImputer(strategy="constant", fill_value="(missing)"),
                                         OneHotEncoder(handle_unknown="infrequent_if_exist", max_categories=32,
                                                       sparse_output=False)), categorical)])
        scores = []
        started = time.time()
        for kind in ("baseline", "mlp", "hgb"):
            fitted = make_pipeline(prepare, model(kind, classifier)).fit(x_train, y_train)
            predicted = fitted.predict(x_test)
            if metric == "accuracy":
                scores.append(accuracy_score(y_test, predicted))
            elif metric == "macroF1":
                scores.append(f1_score(y_test, predicted, labels=sorted(y.unique()), average="macro", zero_division=0))
            else:
                scores.append(float(np.sqrt(mean_squared_error(y_test, predicted))))
        print("%-13s %-8s %12.4f %12.4f %12.4f %10.1f" % (file.split(".")[0], metric, scores[0], scores[1], scores[2],
                                                          time.time() - started))


if __name__ == "__main__":
    main(sys.argv[1])
